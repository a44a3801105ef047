/** What a registry or token service said in an error body, made readable. */
export interface ErrorBody {
  /** Distribution error codes (`MANIFEST_UNKNOWN`, `DENIED`, ...), upper case; empty when the body had none. */
  codes: string[]
  /** `CODE: message; ...`, a token service's `details`, or a quoted excerpt of a body that is not JSON. */
  detail: string
}

const MaxExcerpt = 200

/**
 * Reads an error body: the distribution spec's `{"errors":[{"code","message"}]}`, the `{"details"}` Docker
 * Hub's token service answers, or OAuth2's `{"error","error_description"}`. Anything else is quoted, cut short,
 * so a proxy's HTML error page still tells the user where the answer came from.
 */
export function parseErrorBody(body: Buffer): ErrorBody {
  const text = body.toString('utf8').trim()
  if (!text) return { codes: [], detail: '' }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { codes: [], detail: `the body is not JSON: "${excerpt(text)}"` }
  }
  if (typeof value !== 'object' || value === null) return { codes: [], detail: `"${excerpt(text)}"` }
  const object = value as Record<string, unknown>
  if (Array.isArray(object.errors)) {
    const errors = object.errors.filter(
      (e): e is Record<string, unknown> => typeof e === 'object' && e !== null,
    )
    const codes = errors.map(e => String(e.code ?? '').toUpperCase()).filter(Boolean)
    const detail = errors
      .map(e => [e.code, e.message].filter(part => typeof part === 'string' && part).join(': '))
      .filter(Boolean)
      .join('; ')
    return { codes, detail: excerpt(detail) }
  }
  for (const key of ['details', 'error_description', 'error', 'message']) {
    if (typeof object[key] === 'string' && object[key])
      return { codes: [], detail: excerpt(object[key] as string) }
  }
  return { codes: [], detail: `"${excerpt(text)}"` }
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ')
  return flat.length > MaxExcerpt ? `${flat.slice(0, MaxExcerpt)}…` : flat
}
