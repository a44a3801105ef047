/** Reads one input's raw text ('' when unset), as the runner's `INPUT_*` variables or the command line give it. */
export type InputReader = (name: string) => string

/** How this process names inputs in what it says: a workflow's inputs, or the command line's flags. */
type InputVocabulary = 'inputs' | 'flags'

let vocabulary: InputVocabulary = 'inputs'
/** With flags: how inputs that have no flag reach the command line (an environment variable). */
let notFlags: Readonly<Record<string, string>> = {}

/**
 * Called once by the command line's entry before anything is read: from then on every message names `--tags`
 * where the action says input 'tags', and `elsewhere` names the inputs that have no flag. One process runs one
 * shell, so this is set once and never changes back.
 */
export function speakInFlags(elsewhere: Readonly<Record<string, string>> = {}): void {
  vocabulary = 'flags'
  notFlags = elsewhere
}

function flag(name: string): string {
  return notFlags[name] ?? `--${name}`
}

/** The input's name as a message starts with it: `Input 'tags'` in a workflow, `--tags` on the command line. */
export function inputLabel(name: string): string {
  return vocabulary === 'flags' ? flag(name) : `Input '${name}'`
}

/** The input named as such mid-sentence: `input 'tags'` in a workflow, `--tags` on the command line. */
export function inputPhrase(name: string): string {
  return vocabulary === 'flags' ? flag(name) : `input '${name}'`
}

/** The input's name in the middle of a sentence: `'tags'` in a workflow, `--tags` on the command line. */
export function inputName(name: string): string {
  return vocabulary === 'flags' ? flag(name) : `'${name}'`
}

/** Items of a comma- or newline-separated list, trimmed, empties dropped. */
export function parseList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map(item => item.trim())
    .filter(Boolean)
}

/** Items of a newline-separated list, where commas belong to the values (build args, labels, annotations). */
export function parseLines(text: string): string[] {
  return text
    .split('\n')
    .map(item => item.trim())
    .filter(Boolean)
}

/** YAML 1.2 core booleans, as actions/toolkit's getBooleanInput accepts them; empty takes the default. */
export function parseBoolean(text: string, name: string, fallback: boolean): boolean {
  const value = text.trim()
  if (!value) return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new Error(`${inputLabel(name)}: '${value}' is not a boolean. Expected true or false.`)
}

/** `key=value` lines into a map; the key must be non-empty and free of spaces. `where` starts each error. */
function parseKeyValues(lines: string[], where: string): Record<string, string> {
  const map: Record<string, string> = {}
  for (const line of lines) {
    const eq = line.indexOf('=')
    const key = eq > 0 ? line.slice(0, eq).trim() : ''
    if (!key || /\s/.test(key)) {
      throw new Error(`${where}: '${line}' is not key=value. Expected one key=value per line.`)
    }
    map[key] = line.slice(eq + 1)
  }
  return map
}

/** Annotations split by level: what goes on the index, and the lines meant for another level. */
export interface LeveledAnnotations {
  index: Record<string, string>
  /** `manifest:`, `manifest[linux/amd64]:`, `manifest-descriptor:`, `index-descriptor:` lines, as given. */
  elsewhere: string[]
}

// The levels buildx and docker/metadata-action prefix annotations with, optionally with a platform in brackets.
const LevelPrefix = /^(index|manifest|index-descriptor|manifest-descriptor)(\[[^\]]*\])?:/

/**
 * Annotation lines by level, as buildx and docker/metadata-action write them: `index:key=value` and a bare
 * `key=value` belong to the index; every other level to the images the build step makes.
 */
export function parseAnnotations(lines: string[], where: string): LeveledAnnotations {
  const index: string[] = []
  const elsewhere: string[] = []
  for (const line of lines) {
    const eq = line.indexOf('=')
    const level = LevelPrefix.exec(eq < 0 ? line : line.slice(0, eq))
    if (!level) index.push(line)
    else if (level[1] === 'index' && !level[2]) index.push(line.slice(level[0].length))
    else elsewhere.push(line)
  }
  return { index: parseKeyValues(index, where), elsewhere }
}

const DurationUnits: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** A duration such as `24h`, `90m`, `7d` or `1d12h` (units s, m, h, d; `0` alone is zero), in ms. */
export function parseDuration(text: string, name: string): number {
  const value = text.trim()
  if (value === '0') return 0
  if (!/^(\d+[smhd])+$/.test(value)) {
    throw new Error(
      `${inputLabel(name)}: '${value}' is not a duration. Expected a number with a unit s, m, h or d, e.g. 24h, 90m or 7d.`,
    )
  }
  let ms = 0
  for (const [, amount, unit] of value.matchAll(/(\d+)([smhd])/g))
    ms += Number(amount) * DurationUnits[unit!]!
  return ms
}
