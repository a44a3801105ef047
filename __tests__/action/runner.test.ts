/**
 * The runner's protocol as action/runner.ts speaks it: inputs, workflow commands, the output and summary
 * files. Where @actions/core speaks the same protocol, the bytes are compared with its own.
 */
import * as core from '@actions/core'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  escapeHtml,
  formatCommand,
  formatOutput,
  formatSummary,
  inertLog,
  readInput,
  runnerShell,
} from '../../src/action/runner.js'
import type { StepSummary, SummaryCell } from '../../src/action/summary.js'
import { parseOutputFile } from '../harness/action.js'
import { obeyedCommands } from '../harness/runner-commands.js'
import { removeTree, tempDir } from '../harness/processes.js'

let dir: string
beforeEach(async () => {
  dir = await tempDir('nma-runner-')
})
afterEach(async () => {
  await removeTree(dir)
  process.exitCode = undefined
})

const summary: StepSummary = {
  heading: 'Published index sha256:abc',
  rows: [
    [
      { data: 'Platform', header: true },
      { data: 'Digest', header: true },
    ],
    ['linux/amd64', { code: 'sha256:def' }],
  ],
  refs: ['registry.example/acme/app:1.4', 'registry.example/acme/app:latest'],
}

test('inputs are read as a runner sets them: upper case, spaces as underscores, trimmed, empty when unset', () => {
  const env = { 'INPUT_DIGESTS-PATH': '  /tmp/records \n', INPUT_BUILD_ARGS: 'A=1' }
  expect(readInput(env, 'digests-path')).toBe('/tmp/records')
  expect(readInput(env, 'build args')).toBe('A=1')
  expect(readInput(env, 'tags')).toBe('')
})

test('a command message with a newline or % cannot end the command or forge another one', () => {
  const message = 'bad tag\n::add-mask::x\r100%'
  const line = formatCommand('error', message)
  expect(line).toBe('::error::bad tag%0A::add-mask::x%0D100%25')
})

test('an output entry round-trips through the GITHUB_OUTPUT format, multi-line values included', () => {
  const text = formatOutput('refs', 'a/b:1\na/b:2') + formatOutput('digest', 'sha256:abc')
  expect(parseOutputFile(text)).toEqual({ refs: 'a/b:1\na/b:2', digest: 'sha256:abc' })
})

test('every output entry gets its own random delimiter, as @actions/core makes them', () => {
  const delimiters = [formatOutput('a', '1'), formatOutput('a', '1')].map(
    entry => /^a<<(.+)\n/.exec(entry)?.[1],
  )
  for (const delimiter of delimiters) expect(delimiter).toMatch(/^ghadelimiter_[0-9a-f-]{36}$/)
  expect(delimiters[0]).not.toBe(delimiters[1])
})

test('an output whose value or name holds its delimiter is refused, not written', () => {
  expect(() => formatOutput('refs', 'x\nEOF\ny', 'EOF')).toThrow("Output 'refs' contains its own delimiter")
  expect(() => formatOutput('refsEOF', 'x', 'EOF')).toThrow("Output 'refsEOF' contains its own delimiter")
})

test("with every cell filled, the summary is the same HTML @actions/core's summary writes", async () => {
  const file = join(dir, 'summary')
  await writeFile(file, '')
  process.env.GITHUB_STEP_SUMMARY = file
  try {
    // core takes cells as HTML; ours are text, and this text needs no escaping.
    const html = (c: SummaryCell) => (typeof c === 'object' && 'code' in c ? `<code>${c.code}</code>` : c)
    const built = core.summary.addHeading(summary.heading, 3).addTable(summary.rows.map(row => row.map(html)))
    await built.addList(summary.refs.map(ref => `<code>${ref}</code>`)).write()
  } finally {
    delete process.env.GITHUB_STEP_SUMMARY
  }
  expect(formatSummary(summary)).toBe(await readFile(file, 'utf8'))
})

test('a summary without references has no empty list, and an empty cell is closed (core leaves it open)', () => {
  const html = formatSummary({ ...summary, rows: [['linux/arm64', '']], refs: [] })
  expect(html).toBe(
    '<h3>Published index sha256:abc</h3>\n<table><tr><td>linux/arm64</td><td></td></tr></table>\n',
  )
})

test("the runner's shell writes outputs and summary to the runner files and commands to the sink", async () => {
  const env = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    RUNNER_DEBUG: '1',
  }
  // What earlier steps wrote stays: both files are appended to.
  const earlierOutput = formatOutput('earlier', 'kept')
  await writeFile(env.GITHUB_OUTPUT, earlierOutput)
  await writeFile(env.GITHUB_STEP_SUMMARY, '<p>earlier step</p>\n')
  const lines: string[] = []
  const shell = runnerShell(env, line => lines.push(line))
  shell.setSecret('s3cret\nline')
  shell.setOutput('digest', 'sha256:abc')
  shell.setOutput('refs', 'a/b:1\na/b:2')
  await shell.writeSummary(summary)
  shell.logger.debug('d')
  shell.logger.warning('w')
  shell.logger.info('plain')
  expect(lines).toEqual(['::add-mask::s3cret%0Aline', '::debug::d', '::warning::w', 'plain'])
  expect(parseOutputFile(await readFile(env.GITHUB_OUTPUT, 'utf8'))).toEqual({
    earlier: 'kept',
    digest: 'sha256:abc',
    refs: 'a/b:1\na/b:2',
  })
  expect(await readFile(env.GITHUB_STEP_SUMMARY, 'utf8')).toBe(
    `<p>earlier step</p>\n${formatSummary(summary)}`,
  )
})

test('outside a runner, outputs go to the log a line per value line, and no summary is written', async () => {
  const lines: string[] = []
  const shell = runnerShell({}, line => lines.push(line))
  shell.setOutput('digest', 'sha256:abc')
  shell.setOutput('refs', 'a/b:1\na/b:2')
  await shell.writeSummary(summary)
  expect(lines).toEqual(['digest=sha256:abc', 'refs=a/b:1', 'refs=a/b:2'])
})

test('a group is closed when its work throws, and the error still propagates', async () => {
  const lines: string[] = []
  const shell = runnerShell({}, line => lines.push(line))
  await expect(
    shell.group('Push', async () => {
      lines.push('inside')
      throw new Error('boom')
    }),
  ).rejects.toThrow('boom')
  expect(lines).toEqual(['::group::Push', 'inside', '::endgroup::'])
})

test('a failure is an error annotation and a failing exit code', () => {
  const lines: string[] = []
  runnerShell({}, line => lines.push(line)).fail("Input 'tags' is not valid:\nline 2")
  expect(lines).toEqual(["::error::Input 'tags' is not valid:%0Aline 2"])
  expect(process.exitCode).toBe(1)
})

test('without debug logging, debug lines are not written at all (the runner would hide them)', () => {
  for (const RUNNER_DEBUG of [undefined, '0', 'true']) {
    const lines: string[] = []
    runnerShell({ RUNNER_DEBUG }, line => lines.push(line)).logger.debug('d')
    expect(lines).toEqual([])
  }
})

const obeyed = (log: string) => obeyedCommands(log).map(c => c.name)

describe('text from outside never becomes a workflow command', () => {
  const hostile = [
    '::error title=x::pwned',
    '::add-mask::sha256',
    '  \t::warning::indented',
    'x\n::error::after a newline',
    'x\r::error::after a carriage return',
    '\u00a0\u2003\u3000::error::after Unicode spaces',
    'records/a##[error]legacy form.json',
    'sha256:abc##[add-mask]x',
    '::stop-commands::guessed\n::error::after a guessed token\n::guessed::',
    '::endgroup::',
  ]

  test.each(hostile)('info %j is printed whole, and the runner obeys no command in it', text => {
    const lines: string[] = []
    runnerShell({}, line => lines.push(line)).logger.info(`Skipped digest record ${text}`)
    const log = lines.join('\n')
    expect(log).toContain(`Skipped digest record ${text}`)
    expect(obeyed(log)).toEqual([])
    // Without the bracket, the same log would have been obeyed: the check above can fail.
    expect(obeyed(`Skipped digest record ${text}`).length + obeyed(text).length).toBeGreaterThan(0)
  })

  test.each(hostile)('warning, debug and error %j stay one command of ours', text => {
    const lines: string[] = []
    const shell = runnerShell({ RUNNER_DEBUG: '1' }, line => lines.push(line))
    shell.logger.warning(text)
    shell.logger.debug(text)
    shell.fail(text)
    expect(obeyed(lines.join('\n'))).toEqual(['warning', 'debug', 'error'])
  })

  test('text with no command in it is printed as it is, unbracketed', () => {
    for (const text of [
      'Skipped digest record a.json: it is for ghcr.io/x/y.',
      'sha256:abc: one colon',
      '#[x]',
    ]) {
      expect(inertLog(text)).toBe(text)
    }
  })

  test('characters a culture-aware comparison may ignore cannot hide a command from the check', () => {
    for (const text of ['\u200b::error::x', '\ufeff::error::x', ':\u200d:error::x', '#\u0301#[error]x']) {
      expect(inertLog(text, () => 'token')).toBe(`::stop-commands::token\n${text}\n::token::`)
    }
  })

  test('each bracket has its own random token, ending in a line of its own', () => {
    const [a, b] = [inertLog('::x::'), inertLog('::x::')]
    expect(a).toMatch(/^::stop-commands::([0-9a-f]{32})\n::x::\n::\1::$/)
    expect(a).not.toBe(b)
  })
})

test('the summary escapes every piece of text: heading, cells, code and references', () => {
  const evil = `<img src=x onerror=alert(1)> & "q" 'a'`
  const escaped = '&#60;img src=x onerror=alert(1)&#62; &#38; &#34;q&#34; &#39;a&#39;'
  expect(escapeHtml(evil)).toBe(escaped)
  const html = formatSummary({
    heading: evil,
    rows: [[{ data: evil, header: true }], [evil, { code: evil }]],
    refs: [evil],
    notes: [evil],
  })
  expect(html).toBe(
    `<h3>${escaped}</h3>\n<table><tr><th>${escaped}</th></tr><tr><td>${escaped}</td>` +
      `<td><code>${escaped}</code></td></tr></table>\n<ul><li><code>${escaped}</code></li></ul>\n` +
      `<p>${escaped}</p>\n`,
  )
})
