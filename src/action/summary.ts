import type { BuildResult } from '../builders/build-step.js'
import { AttestationAnnotation, type Descriptor, isAttestation } from '../core/descriptor.js'
import { isDockerMediaType } from '../core/media-types.js'
import { formatPlatform } from '../core/platform.js'
import { formatAge } from '../core/prune-plan.js'
import { formatRepository } from '../core/reference.js'
import type { MergeResult } from '../merge/merge-step.js'
import type { PruneResult } from '../prune/prune-step.js'

/** A table cell: text, text shown as code, or a header. Never markup: runner.ts escapes all of it. */
export type SummaryCell = string | { code: string } | { data: string; header: true }

/** A table row. */
export type SummaryRow = SummaryCell[]

/**
 * A step's job summary: a heading, a table, and a list of references, all plain text (record file names
 * and platforms come from outside); runner.ts renders it as HTML.
 */
export interface StepSummary {
  heading: string
  rows: SummaryRow[]
  refs: string[]
  /** Lines under the references: what was left out or left alone, and why. */
  notes?: string[]
}

/** Where and how long a build ran, for its summary. */
export interface BuildFacts {
  /** The runner's name and image (`GitHub Actions 3 (ubuntu24)`), '' when unknown. */
  runner: string
  /** Wall time of the step: build, push and record. */
  durationMs: number
}

/** The job summary of a build step: the platform, the runner, what was pushed and how long it took. */
export function buildSummary(result: BuildResult, facts: BuildFacts): StepSummary {
  const rows: SummaryRow[] = [header('Platform', 'Runner', 'Digest', 'Manifest size', 'Time')]
  const platform = formatPlatform(result.platform)
  const time = duration(facts.durationMs)
  if (result.pushed) {
    rows.push([platform, facts.runner, code(result.pushed.digest), bytes(result.pushed.size), time])
  } else rows.push([platform, facts.runner, 'not pushed', '', time])
  return { heading: `Built ${platform}`, rows, refs: result.archRefs }
}

/** The job summary of a merge: the index, each platform with its digest and size, and every ref published. */
export function mergeSummary(result: MergeResult): StepSummary {
  const rows: SummaryRow[] = [header('Platform', 'Digest', 'Manifest size', 'From')]
  const kind = isDockerMediaType(result.index.mediaType) ? 'Docker manifest list' : 'OCI image index'
  rows.push(['index', code(result.digest), bytes(result.index.bytes.length), kind])
  for (const child of result.index.manifests) {
    const source = result.sources.find(
      s => s.image.digest === child.digest || s.attestations.some(a => a.digest === child.digest),
    )
    const platform = isAttestation(child)
      ? `${referenceKind(child)} of ${source ? formatPlatform(source.platform) : '?'}`
      : formatPlatform(child.platform!)
    rows.push([platform, code(child.digest), bytes(child.size), source?.origin ?? ''])
  }
  const notes = [
    ...result.leftOut.map(p => `Published without ${formatPlatform(p)}: an optional platform with no image.`),
    ...result.kept.map(ref => `Kept ${ref}: it points at a newer index, so it was not moved.`),
  ]
  return { heading: `Published index ${result.digest}`, rows, refs: result.refs, notes }
}

/** `attestation` for buildx's attestation manifests; any other reference type as the builder named it. */
function referenceKind(child: Descriptor): string {
  const type = child.annotations?.[AttestationAnnotation.ReferenceType]
  return type === AttestationAnnotation.AttestationManifest ? 'attestation' : (type ?? 'attestation')
}

/** The runner as the summary names it: GitHub's `RUNNER_NAME` and the hosted image's `ImageOS`. */
export function runnerName(env: Record<string, string | undefined>): string {
  const { RUNNER_NAME: name, ImageOS: image } = env
  return name && image ? `${name} (${image})` : (name ?? image ?? '')
}

function header(...cells: string[]): SummaryRow {
  return cells.map(data => ({ data, header: true as const }))
}

function code(text: string): SummaryCell {
  return { code: text }
}

function bytes(size: number): string {
  return size < 1024
    ? `${size} B`
    : size < 1024 * 1024
      ? `${(size / 1024).toFixed(1)} KiB`
      : `${(size / 1024 / 1024).toFixed(1)} MiB`
}

/** `8.4 s`, `3 min 07 s`. */
export function duration(ms: number): string {
  const seconds = ms / 1000
  if (seconds < 60) return `${seconds.toFixed(1)} s`
  const whole = Math.round(seconds)
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`
}

/** The job summary of a prune: every version deleted (or that would be) and every version kept, with why. */
export function pruneSummary(result: PruneResult): StepSummary {
  const rows: SummaryRow[] = [header('Image', 'Digest', 'Tags', 'Age', 'Decision', 'Why')]
  let planned = 0
  for (const image of result.images) {
    const name = formatRepository(image.repository)
    if (!image.plan) {
      rows.push([name, '', '', '', 'not pruned', image.skipped ?? ''])
      continue
    }
    for (const deletion of image.plan.deletions.flat()) {
      planned++
      const done = result.dryRun
        ? 'would delete'
        : image.deleted.includes(deletion.version.digest)
          ? 'deleted'
          : 'not deleted'
      rows.push([name, code(deletion.version.digest), '', formatAge(deletion.ageMs), done, deletion.why])
    }
    for (const kept of image.plan.kept) {
      rows.push([
        name,
        code(kept.version.digest),
        kept.version.tags.join(', '),
        formatAge(kept.ageMs),
        'kept',
        kept.why,
      ])
    }
  }
  const heading = result.dryRun
    ? `Dry run: ${planned} version(s) would be deleted`
    : `Pruned ${result.deleted.length} version(s)`
  return { heading, rows, refs: [] }
}
