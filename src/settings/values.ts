/** Reads one input's raw text ('' when unset), as @actions/core's getInput or the command line gives it. */
export type InputReader = (name: string) => string

/** The input's quoted name, as every settings error starts. */
export function inputLabel(name: string): string {
  return `Input '${name}'`
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

/** `key=value` lines into a map; the key must be non-empty and free of spaces. */
export function parseKeyValues(lines: string[], name: string): Record<string, string> {
  const map: Record<string, string> = {}
  for (const line of lines) {
    const eq = line.indexOf('=')
    const key = eq > 0 ? line.slice(0, eq).trim() : ''
    if (!key || /\s/.test(key)) {
      throw new Error(`${inputLabel(name)}: '${line}' is not key=value. Expected one key=value per line.`)
    }
    map[key] = line.slice(eq + 1)
  }
  return map
}
