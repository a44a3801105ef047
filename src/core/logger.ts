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
