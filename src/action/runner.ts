/**
 * The runner's side of a step, spoken directly: inputs from `INPUT_*` variables, workflow commands on stdout
 * (`::error::`, `::add-mask::`, `::group::`), outputs and the job summary appended to the files the runner
 * names. It is the protocol @actions/core implements, cut to what this action uses: @actions/core always loads
 * its OIDC client (http-client and undici) and so doubled the bundle's start-up, which every merge pays.
 */
import { randomUUID } from 'node:crypto'
import { appendFileSync } from 'node:fs'
import { appendFile } from 'node:fs/promises'
import type { Logger } from '../core/logger.js'
import type { StepSummary, SummaryCell } from './summary.js'

/** Where command lines go: stdout, where the runner reads them. */
export type CommandSink = (line: string) => void

const stdoutSink: CommandSink = line => process.stdout.write(`${line}\n`)

/** An output as plain log lines, one `name=line` per line of the value, so `grep '^refs='` finds every ref. */
export function outputLines(name: string, value: string): string[] {
  return value.split('\n').map(line => `${name}=${line}`)
}

/** An input's text as a runner sets it (`INPUT_` + the name upper-cased, spaces as `_`), trimmed; '' when unset. */
export function readInput(env: Record<string, string | undefined>, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

/** `::name::message`, the message escaped so that a newline or `%` cannot end or forge the command. */
export function formatCommand(name: string, message = ''): string {
  return `::${name}::${escapeData(message)}`
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

// What the runner strips or may ignore before it looks for a command: whitespace, control and format
// characters, combining marks. Removing all of them before the check errs on the side of bracketing.
const Invisible = /[\p{Z}\p{C}\p{M}]/gu

/**
 * Log text the runner will not obey. The runner takes a line that starts with `::` (after whitespace) as a
 * command, and `##[name]` anywhere in a line as a legacy one; a file name or a registry's answer may hold
 * either. Such text is printed as it is, between `::stop-commands::<token>` and `::<token>::`: the runner
 * obeys nothing in between but the random token that ends the bracket, which the text cannot know.
 */
export function inertLog(text: string, token: () => string = () => randomUUID().replace(/-/g, '')): string {
  if (!/::|##\[/.test(text.replace(Invisible, ''))) return text
  const end = token()
  return `${formatCommand('stop-commands', end)}\n${text}\n::${end}::`
}

/** Text for HTML: `<img onerror=...>` in a file name shows as those characters, not as an element. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
}

/**
 * One `GITHUB_OUTPUT` entry: `name<<delimiter`, the value, the delimiter. A random delimiter means no value
 * can end the entry early; one that contains it anyway is refused rather than written.
 */
export function formatOutput(
  name: string,
  value: string,
  delimiter = `ghadelimiter_${randomUUID()}`,
): string {
  if (name.includes(delimiter) || value.includes(delimiter))
    throw new Error(`Output '${name}' contains its own delimiter; it was not written`)
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`
}

/**
 * The summary as the HTML GitHub renders: heading, table, and the references as a list of code. Every piece
 * of text is escaped; the only markup is written here.
 */
export function formatSummary({ heading, rows, refs, notes = [] }: StepSummary): string {
  const table = rows.map(row => `<tr>${row.map(cell).join('')}</tr>`).join('')
  const list = refs.length ? `<ul>${refs.map(ref => `<li>${code(ref)}</li>`).join('')}</ul>\n` : ''
  const paragraphs = notes.map(note => `<p>${escapeHtml(note)}</p>\n`).join('')
  return `<h3>${escapeHtml(heading)}</h3>\n<table>${table}</table>\n${list}${paragraphs}`
}

function cell(item: SummaryCell): string {
  if (typeof item === 'string') return `<td>${escapeHtml(item)}</td>`
  return 'code' in item ? `<td>${code(item.code)}</td>` : `<th>${escapeHtml(item.data)}</th>`
}

function code(text: string): string {
  return `<code>${escapeHtml(text)}</code>`
}

/**
 * The step's shell as a runner provides it; `env` is the process environment, `sink` stdout. Debug lines
 * are written only with debug logging on (`RUNNER_DEBUG=1`), as the runner would hide them anyway.
 */
export function runnerShell(env: Record<string, string | undefined>, sink: CommandSink = stdoutSink) {
  const logger: Logger = {
    // The message is a command's data, escaped: the command is ours, whatever the text says.
    debug: message => {
      if (env.RUNNER_DEBUG === '1') sink(formatCommand('debug', message))
    },
    info: message => sink(inertLog(message)),
    warning: message => sink(formatCommand('warning', message)),
  }
  return {
    read: (name: string) => readInput(env, name),
    logger,
    async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
      sink(formatCommand('group', name))
      try {
        return await fn()
      } finally {
        sink(formatCommand('endgroup'))
      }
    },
    setSecret: (secret: string) => sink(formatCommand('add-mask', secret)),
    setOutput(name: string, value: string): void {
      // Outside a runner (a local `node dist/index.js`) there is no file: the log is the output.
      if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, formatOutput(name, value))
      else outputLines(name, value).forEach(sink)
    },
    async writeSummary(summary: StepSummary): Promise<void> {
      // Outside a runner there is no summary file; the log already has it all.
      if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, formatSummary(summary))
    },
    /** Reports the failure as an error annotation and makes the step fail. */
    fail(message: string): void {
      process.exitCode = 1
      sink(formatCommand('error', message))
    },
  }
}
