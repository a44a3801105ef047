import type { BuildResult } from '../build/build-step.js'
import { isAttestation } from '../core/descriptor.js'
import { formatPlatform } from '../core/platform.js'
import type { MergeResult } from '../merge/merge-step.js'

/** A table row: header cells are marked, the rest are text. */
export type SummaryRow = ({ data: string; header: true } | string)[]

/** The job summary of a build step, as a heading and table rows (rendered by @actions/core's summary). */
export function buildSummary(result: BuildResult): { heading: string; rows: SummaryRow[] } {
  const rows: SummaryRow[] = [
    [
      { data: 'Platform', header: true },
      { data: 'Digest', header: true },
      { data: 'Size', header: true },
    ],
  ]
  if (result.pushed)
    rows.push([formatPlatform(result.platform), code(result.pushed.digest), bytes(result.pushed.size)])
  else rows.push([formatPlatform(result.platform), 'not pushed', ''])
  return { heading: `Built ${formatPlatform(result.platform)}`, rows }
}

/** The job summary of a merge: the index, each platform with its digest and size, and every ref published. */
export function mergeSummary(result: MergeResult): { heading: string; rows: SummaryRow[]; refs: string[] } {
  const rows: SummaryRow[] = [
    [
      { data: 'Platform', header: true },
      { data: 'Digest', header: true },
      { data: 'Size', header: true },
      { data: 'From', header: true },
    ],
  ]
  for (const child of result.index.manifests) {
    const source = result.sources.find(
      s => s.image.digest === child.digest || s.attestations.some(a => a.digest === child.digest),
    )
    const platform = isAttestation(child)
      ? `attestation of ${source ? formatPlatform(source.platform) : '?'}`
      : formatPlatform(child.platform!)
    rows.push([platform, code(child.digest), bytes(child.size), source?.origin ?? ''])
  }
  return { heading: `Published index ${result.digest}`, rows, refs: result.refs }
}

function code(text: string): string {
  return `<code>${text}</code>`
}

function bytes(size: number): string {
  return size < 1024
    ? `${size} B`
    : size < 1024 * 1024
      ? `${(size / 1024).toFixed(1)} KiB`
      : `${(size / 1024 / 1024).toFixed(1)} MiB`
}
