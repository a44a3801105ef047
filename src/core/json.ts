/** A parsed JSON value that is an object (not null, not an array): what every document we read must be. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A JSON object whose values are all strings: labels and annotations. */
export function isStringMap(value: unknown): value is Record<string, string> {
  return isObject(value) && Object.values(value).every(v => typeof v === 'string')
}
