import type { Logger } from '../../src/core/logger.js'

/** What a step showed: `info: …`, `warning: …`, `debug: …` and `group: …` lines, in order. */
export interface RecordingLog {
  lines: string[]
  logger: Logger
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
}

export function recordingLog(): RecordingLog {
  const lines: string[] = []
  return {
    lines,
    logger: {
      debug: message => lines.push(`debug: ${message}`),
      info: message => lines.push(`info: ${message}`),
      warning: message => lines.push(`warning: ${message}`),
    },
    group: (name, fn) => {
      lines.push(`group: ${name}`)
      return fn()
    },
  }
}
