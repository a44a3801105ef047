import { isObject, isStringMap } from '../core/json.js'
/**
 * docker/metadata-action's `json` output (also exported as `DOCKER_METADATA_OUTPUT_JSON`), the parts the build
 * and merge steps use. The action writes `{"tags": [...], "labels": {...}, "annotations": [...]}`.
 */
export interface Metadata {
  /** References as metadata-action writes them: `ghcr.io/acme/app:1.4`, or bare `1.4` when it had no images. */
  tags: string[]
  /** Image labels, key to value. */
  labels: Record<string, string>
  /**
   * Annotations with their level, as `DOCKER_METADATA_ANNOTATIONS_LEVELS` chose: `manifest:key=value`,
   * `index:key=value` (and buildx's other levels); a bare `key=value` when written by hand.
   */
  annotations: string[]
}

/** Parses and checks metadata-action's JSON; `where` names where it came from, for errors. */
export function parseMetadata(text: string, where: string): Metadata {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new Error(
      `${where} is not JSON (${(error as Error).message}). Expected docker/metadata-action's 'json' output.`,
    )
  }
  if (!isObject(value)) {
    throw new Error(`${where} is not a JSON object. Expected docker/metadata-action's 'json' output.`)
  }
  const { tags = [], labels = {}, annotations = [] } = value
  const strings = (list: unknown, field: string): string[] => {
    if (!Array.isArray(list) || !list.every(item => typeof item === 'string'))
      throw new Error(`${where}: '${field}' must be a list of strings.`)
    return list
  }
  if (!isStringMap(labels)) {
    throw new Error(`${where}: 'labels' must be an object of strings.`)
  }
  return {
    tags: strings(tags, 'tags'),
    labels,
    annotations: strings(annotations, 'annotations'),
  }
}
