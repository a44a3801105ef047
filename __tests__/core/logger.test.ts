/** Skipped items in the log: a few named, the rest counted at info and each named at debug. */
import { type Logger, logSkipped, ShownSkipped } from '../../src/core/logger.js'

function recording(): { logger: Logger; lines: string[] } {
  const lines: string[] = []
  const logger: Logger = {
    debug: m => lines.push(`debug: ${m}`),
    info: m => lines.push(`info: ${m}`),
    warning: m => lines.push(`warning: ${m}`),
  }
  return { logger, lines }
}

const items = (n: number) => Array.from({ length: n }, (_, i) => `Skipped r${i}.json`)

test.each([0, 1, ShownSkipped])('%i skipped items are each named at info, and not counted', n => {
  const { logger, lines } = recording()
  logSkipped(logger, items(n), 'digest records')
  expect(lines).toEqual(items(n).map(line => `info: ${line}`))
})

test('2,000 skipped items: five named at info, the rest counted once and named at debug', () => {
  const { logger, lines } = recording()
  logSkipped(logger, items(2000), 'digest records')
  const info = lines.filter(line => line.startsWith('info: '))
  expect(info).toEqual([
    ...items(5).map(line => `info: ${line}`),
    'info: 1995 more digest records skipped; debug logging lists each (re-run with debug logging or set ' +
      'ACTIONS_STEP_DEBUG; NATIVE_MULTIARCH_DEBUG=1 for the command line).',
  ])
  expect(lines.filter(line => line.startsWith('debug: '))).toEqual(
    items(2000)
      .slice(5)
      .map(l => `debug: ${l}`),
  )
})
