/**
 * The benchmark's chart: an SVG written by hand (six panels: merge time and requests, the cross-registry copy with the merge
 * across a network, peak memory, what the action adds, native vs QEMU), turned into a PNG with `rsvg-convert`
 * (Debian's librsvg2-bin, installed by scripts/bench.sh).
 */
import { writeFile } from 'node:fs/promises'
import { run } from '../__tests__/harness/processes.js'
import type { BenchResults } from './main.js'
import { CopyTools, type CopyTool, MergeTools, type MergeTool, type ToolResult } from './merge.js'

const Width = 1200
const Height = 1120
const Font = 'DejaVu Sans, Verdana, sans-serif'
const Colors: Record<MergeTool, string> = {
  action: '#2463b0',
  imagetools: '#2f9e6e',
  docker: '#e07b39',
  podman: '#8a63b3',
}
const FloorColor = '#c3cad5'
const ShortLabels: Record<MergeTool, string> = {
  action: 'native-multiarch',
  imagetools: 'buildx imagetools',
  docker: 'docker manifest',
  podman: 'podman manifest',
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${escape(content)}</text>`
}

/** A round axis maximum at or above `value`, and its tick step. */
function axis(value: number): { max: number; step: number } {
  const rough = Math.max(value, 1) / 4
  const magnitude = 10 ** Math.floor(Math.log10(rough))
  const step = [1, 2, 2.5, 5, 10].map(m => m * magnitude).find(s => s >= rough)!
  return { max: Math.ceil(value / step) * step, step }
}

function formatValue(value: number): string {
  if (Number.isInteger(value)) return String(value)
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(1)
}

/** A difference with its sign: +12.3, -4.0. */
function signedValue(value: number): string {
  return `${value >= 0 ? '+' : ''}${formatValue(value)}`
}

interface Panel {
  x: number
  y: number
  w: number
  h: number
}

function panelFrame(p: Panel, title: string, subtitle: string): string {
  return [
    `<rect x="${p.x}" y="${p.y}" width="${p.w}" height="${p.h}" rx="8" fill="#ffffff" stroke="#d8dde6"/>`,
    text(p.x + 16, p.y + 28, title, 'font-size="17" font-weight="bold" fill="#1a202c"'),
    text(p.x + 16, p.y + 48, subtitle, 'font-size="12.5" fill="#5a6473"'),
  ].join('\n')
}

/** Vertical grouped bars: one group per category, one bar per series, values printed above the bars. */
function groupedBars(
  p: Panel,
  categories: string[],
  series: { label: string; color: string; values: number[] }[],
  unit: string,
  footnote?: string,
): string {
  const out: string[] = []
  const left = p.x + 62
  const right = p.x + p.w - 18
  // The legend wraps to a second line when the series' labels do not fit on one.
  const legendWidth = (label: string): number => 30 + label.length * 7.4
  const legendLines = series.reduce(
    (acc, s) => {
      const w = legendWidth(s.label)
      return acc.x + w > right - left ? { lines: acc.lines + 1, x: w } : { lines: acc.lines, x: acc.x + w }
    },
    { lines: 1, x: 0 },
  ).lines
  const top = p.y + 92 + 18 * (legendLines - 1)
  const bottom = p.y + p.h - (footnote ? 58 : 40)
  if (footnote) out.push(text(p.x + 16, p.y + p.h - 12, footnote, 'font-size="12" fill="#5a6473"'))
  const { max, step } = axis(Math.max(...series.flatMap(s => s.values)) * 1.08)
  const yOf = (v: number): number => bottom - (v / max) * (bottom - top)
  for (let v = 0; v <= max + step / 2; v += step) {
    out.push(
      `<line x1="${left}" x2="${right}" y1="${yOf(v).toFixed(1)}" y2="${yOf(v).toFixed(1)}" stroke="${v ? '#edf0f4' : '#9aa3b0'}"/>`,
    )
    out.push(text(left - 8, yOf(v) + 4, formatValue(v), 'font-size="11.5" fill="#5a6473" text-anchor="end"'))
  }
  out.push(
    text(
      p.x + 18,
      (top + bottom) / 2,
      unit,
      `font-size="12" fill="#5a6473" text-anchor="middle" transform="rotate(-90 ${p.x + 18} ${(top + bottom) / 2})"`,
    ),
  )
  // Legend
  let lx = left
  let ly = p.y + 62
  for (const s of series) {
    if (lx > left && lx + legendWidth(s.label) > right) {
      lx = left
      ly += 18
    }
    out.push(`<rect x="${lx}" y="${ly}" width="12" height="12" rx="2" fill="${s.color}"/>`)
    out.push(text(lx + 17, ly + 10.5, s.label, 'font-size="12.5" fill="#2d3748"'))
    lx += legendWidth(s.label)
  }
  const groupWidth = (right - left) / categories.length
  const barWidth = Math.min(44, (groupWidth * 0.78) / series.length)
  categories.forEach((category, g) => {
    const start = left + g * groupWidth + (groupWidth - barWidth * series.length) / 2
    series.forEach((s, i) => {
      const value = s.values[g]!
      const x = start + i * barWidth
      const y = yOf(value)
      out.push(
        `<rect x="${(x + 2).toFixed(1)}" y="${y.toFixed(1)}" width="${(barWidth - 4).toFixed(1)}" height="${(bottom - y).toFixed(1)}" fill="${s.color}" rx="2"/>`,
      )
      out.push(
        text(
          x + barWidth / 2,
          y - 5,
          formatValue(value),
          'font-size="11.5" fill="#1a202c" text-anchor="middle"',
        ),
      )
    })
    out.push(
      text(
        left + g * groupWidth + groupWidth / 2,
        bottom + 20,
        category,
        'font-size="13" fill="#2d3748" text-anchor="middle"',
      ),
    )
  })
  return out.join('\n')
}

/** Horizontal bars with labels on the left and values at the bar ends. */
function horizontalBars(
  p: Panel,
  rows: { label: string; value: number; color: string; note?: string }[],
  unit = 'ms',
): string {
  const out: string[] = []
  const labelWidth = 250
  const left = p.x + labelWidth
  const right = p.x + p.w - 175
  const top = p.y + 66
  const rowHeight = Math.min(40, (p.h - 90) / rows.length)
  const max = Math.max(...rows.map(r => r.value))
  rows.forEach((row, i) => {
    const y = top + i * rowHeight
    const w = (row.value / max) * (right - left)
    out.push(
      text(left - 10, y + rowHeight / 2 + 4, row.label, 'font-size="12.5" fill="#2d3748" text-anchor="end"'),
    )
    out.push(
      `<rect x="${left}" y="${(y + 6).toFixed(1)}" width="${Math.max(w, 1).toFixed(1)}" height="${(rowHeight - 12).toFixed(1)}" fill="${row.color}" rx="2"/>`,
    )
    const value = `${formatValue(row.value)} ${unit}${row.note ? `  ${row.note}` : ''}`
    out.push(text(left + w + 8, y + rowHeight / 2 + 4, value, 'font-size="12" fill="#1a202c"'))
  })
  return out.join('\n')
}

export function renderSvg(results: BenchResults): string {
  const pad = 16
  const panelW = (Width - pad * 3) / 2
  const header = 60
  const rowHeights = [400, 300]
  rowHeights.push(Height - header - pad * 4 - rowHeights[0]! - rowHeights[1]!)
  const at = (col: number, row: number): Panel => ({
    x: pad + col * (panelW + pad),
    y: header + pad + rowHeights.slice(0, row).reduce((sum, h) => sum + h + pad, 0),
    w: panelW,
    h: rowHeights[row]!,
  })
  const { merge, startup, build, emulation, machine } = results
  const categories = merge.scenarios.map(
    s => `${s.platforms} platform${s.platforms > 1 ? 's' : ''} x ${s.tags} tag${s.tags > 1 ? 's' : ''}`,
  )
  const toolSeries = (pick: (tool: MergeTool, index: number) => number) =>
    MergeTools.map(tool => ({
      label: ShortLabels[tool],
      color: Colors[tool],
      values: merge.scenarios.map((_, i) => pick(tool, i)),
    }))
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Width}" height="${Height}" viewBox="0 0 ${Width} ${Height}" font-family="${Font}">`,
    `<rect width="${Width}" height="${Height}" fill="#f4f6f9"/>`,
    text(pad + 2, 34, 'native-multiarch benchmark', 'font-size="22" font-weight="bold" fill="#1a202c"'),
    text(
      pad + 2,
      56,
      `${machine.nproc} cores, ${machine.cpu}, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}; ${results.date.slice(0, 10)}; medians of alternating runs (merge ${results.repetitions.merge}, copy ${results.merge.copy.ingest.runs.length}, start-up ${results.repetitions.startup}, build ${results.repetitions.build}, emulation ${results.repetitions.emulation})`,
      'font-size="13" fill="#5a6473"',
    ),
  ]

  const time = at(0, 0)
  parts.push(
    panelFrame(
      time,
      'Merge: wall time',
      'one index under T tags, same images and registry; baseline: buildx imagetools',
    ),
  )
  // docker and podman take several times as long and would flatten the two bars that matter: they go below.
  const others = (['docker', 'podman'] as const)
    .map(
      tool =>
        `${ShortLabels[tool]} ${merge.scenarios.map(s => formatValue(s.tools[tool].ms.median)).join(' / ')} ms`,
    )
    .join('; ')
  parts.push(
    groupedBars(
      time,
      categories,
      CopyTools.map(tool => ({
        label: ShortLabels[tool],
        color: Colors[tool],
        values: merge.scenarios.map(s => s.tools[tool].ms.median),
      })),
      'milliseconds',
      others,
    ),
  )

  const requests = at(1, 0)
  parts.push(
    panelFrame(
      requests,
      'Merge: registry requests',
      'access log, one merge; floor: P child checks + T tag checks + T tag PUTs',
    ),
  )
  const token = merge.tokenRegistry
  const tokenNote = MergeTools.map(
    tool => `${token.tools[tool].requests} + ${token.tools[tool].tokenRequests}`,
  ).join(' | ')
  parts.push(
    groupedBars(
      requests,
      categories,
      [
        { label: 'floor', color: FloorColor, values: merge.scenarios.map(s => s.floor) },
        ...toolSeries((tool, i) => merge.scenarios[i]!.tools[tool].requests),
      ],
      'requests',
      `Bearer-token registry, ${token.platforms} x ${token.tags}, registry + token requests: ${tokenNote}`,
    ),
  )

  const { copy, latency } = merge
  const copyPanel = at(0, 1)
  const ratioOf = (r: { tools: Record<CopyTool, ToolResult> }): string =>
    (r.tools.action.ms.median / r.tools.imagetools.ms.median).toFixed(2)
  parts.push(
    panelFrame(
      copyPanel,
      `ours/imagetools: copy ${ratioOf(copy)}, across a network ${ratioOf(latency)}`,
      `copy: ${copy.platforms} x one ${copy.layerMiB} MiB random layer (floor ${copy.floor}); ${latency.platforms} x ${latency.tags}, each request ${latency.delayMs} ms late (floor ${latency.floor})`,
    ),
  )
  const rows = (label: string, r: { tools: Record<CopyTool, ToolResult> }) =>
    CopyTools.map(tool => ({
      label: `${label}: ${ShortLabels[tool]}`,
      value: r.tools[tool].ms.median,
      color: Colors[tool],
      note: `(${r.tools[tool].requests} req, ${formatValue(r.tools[tool].peakMiB.median)} MiB)`,
    }))
  parts.push(
    horizontalBars(copyPanel, [
      ...rows('copy', copy),
      {
        label: 'copy: the target storing the layers',
        value: copy.ingest.median,
        color: FloorColor,
        note: '(curl PUTs from files)',
      },
      ...rows(`${latency.platforms} x ${latency.tags}, +${latency.delayMs} ms`, latency),
    ]),
  )

  const memory = at(1, 1)
  parts.push(
    panelFrame(
      memory,
      'Peak memory (RSS)',
      'largest process (GNU time %M); the copy: the whole process tree, sampled',
    ),
  )
  const memoryCategories = [
    ...merge.scenarios.map(s => `${s.platforms} x ${s.tags}`),
    `copy ${copy.platforms} x ${copy.layerMiB} MiB`,
  ]
  parts.push(
    groupedBars(
      memory,
      memoryCategories,
      CopyTools.map(tool => ({
        label: ShortLabels[tool],
        color: Colors[tool],
        values: [...merge.scenarios.map(s => s.tools[tool].peakMiB.median), copy.tools[tool].peakMiB.median],
      })),
      'MiB',
    ),
  )

  const overhead = at(0, 2)
  parts.push(
    panelFrame(
      overhead,
      'What the action adds',
      'start-up, Node as on a hosted runner; the build step against building and pushing by hand',
    ),
  )
  parts.push(
    horizontalBars(overhead, [
      { label: "node -e ''", value: startup.node.median, color: '#a0aec0' },
      {
        label: 'node dist/index.js (start-up)',
        value: startup.bundle.median,
        color: Colors.action,
        note: `(+${formatValue(startup.addedMs)} ms)`,
      },
      { label: 'buildah build --tag oci:DIR', value: build.builder.median, color: '#cbd2dc' },
      { label: 'buildah build + push docker://', value: build.byHand.median, color: '#a0aec0' },
      {
        label: 'action build mode (same build)',
        value: build.action.median,
        color: Colors.action,
        note: `(${signedValue(build.overheadMs)} ms)`,
      },
      {
        label: `by hand, token registry ${build.remote.delayMs} ms away`,
        value: build.remote.byHand.median,
        color: '#a0aec0',
      },
      {
        label: `action, token registry ${build.remote.delayMs} ms away`,
        value: build.remote.action.median,
        color: Colors.action,
        note: `(${signedValue(build.remote.overheadMs)} ms)`,
      },
    ]),
  )

  const emu = at(1, 2)
  if (emulation.native && emulation.emulated && emulation.ratio) {
    parts.push(
      panelFrame(
        emu,
        `Same CPU-bound build: native vs QEMU (${emulation.ratio}x)`,
        `FROM scratch + busybox, RUN ${emulation.iterations} x sha256sum; buildah on this amd64 machine`,
      ),
    )
    parts.push(
      horizontalBars(
        emu,
        [
          { label: 'linux/amd64, native', value: emulation.native.median / 1000, color: Colors.action },
          {
            label: 'linux/arm64, under QEMU',
            value: emulation.emulated.median / 1000,
            color: '#c0392b',
            note: `(${emulation.ratio}x slower)`,
          },
        ],
        's',
      ),
    )
  } else {
    parts.push(panelFrame(emu, 'Same CPU-bound build: native vs QEMU', 'skipped on this machine'))
    parts.push(
      text(emu.x + 16, emu.y + 90, emulation.skipped ?? 'not run', 'font-size="12.5" fill="#2d3748"'),
    )
  }
  parts.push('</svg>')
  return parts.join('\n')
}

/** Writes the SVG and converts it to `png`; returns false when rsvg-convert is not available. */
export async function renderChart(results: BenchResults, svgFile: string, pngFile: string): Promise<boolean> {
  await writeFile(svgFile, renderSvg(results))
  try {
    await run('rsvg-convert', ['--format', 'png', '--width', String(Width), '--output', pngFile, svgFile])
    return true
  } catch {
    return false
  }
}
