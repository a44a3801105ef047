/**
 * Where the inner rooms report progress. The action shell passes the runner's workflow commands; the command line
 * and tests pass their own. Never given a secret: callers mask first.
 */
export interface Logger {
  debug(message: string): void
  info(message: string): void
  warning(message: string): void
}

/** A logger that drops everything, for callers that have nothing to say. */
export const silentLogger: Logger = { debug: () => {}, info: () => {}, warning: () => {} }

/** How many skipped items the log names before it counts the rest. */
export const ShownSkipped = 5

/**
 * Reports skipped items: the first few at info, then how many more, each of which goes to debug. A directory
 * of 2,000 other runs' records would otherwise print 2,000 lines. `what` names them (`digest records`).
 */
export function logSkipped(logger: Logger, lines: string[], what: string): void {
  for (const line of lines.slice(0, ShownSkipped)) logger.info(line)
  const rest = lines.slice(ShownSkipped)
  if (rest.length === 0) return
  logger.info(
    `${rest.length} more ${what} skipped; debug logging lists each (re-run with debug logging or set ` +
      `ACTIONS_STEP_DEBUG; NATIVE_MULTIARCH_DEBUG=1 for the command line).`,
  )
  for (const line of rest) logger.debug(line)
}
