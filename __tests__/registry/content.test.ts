import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import type { Digest } from '../../src/core/digest.js'
import { verifiedBody } from '../../src/registry/content.js'
import { collectAtMost } from '../../src/registry/http.js'
import { canLend, type LentBody } from '../../src/registry/wire.js'

const digestOf = (bytes: Buffer): Digest =>
  `sha256:${createHash('sha256').update(bytes).digest('hex')}` as Digest

/** A body that lends `chunks` in order, and notes what was released and whether it was destroyed. */
function lending(chunks: Buffer[]): LentBody & { destroyed: Error | undefined; released: number[] } {
  return {
    destroyed: undefined,
    released: [],
    lend(take, done) {
      chunks.forEach((chunk, i) => take(chunk, () => this.released.push(i)))
      done()
    },
    destroy(error) {
      this.destroyed = error
    },
  }
}

/** What a lent body hands out, and how it ends. */
function drain(body: LentBody): { taken: Buffer[]; error: Error | undefined; ended: boolean } {
  const result = { taken: [] as Buffer[], error: undefined as Error | undefined, ended: false }
  body.lend(
    (chunk, release) => {
      result.taken.push(chunk)
      release()
    },
    error => {
      result.ended = true
      result.error = error
    },
  )
  return result
}

describe('verifiedBody', () => {
  const chunks = [Buffer.from('first '), Buffer.from('second '), Buffer.from('last')]
  const bytes = Buffer.concat(chunks)

  it('keeps a lending body lending, and passes every chunk of the promised content', () => {
    const progress: number[] = []
    const body = verifiedBody(lending(chunks), digestOf(bytes), bytes.length, 'Blob x', {
      progress: n => progress.push(n),
    })
    expect(canLend(body)).toBe(true)
    const result = drain(body as LentBody)
    expect(result).toEqual({ taken: chunks, error: undefined, ended: true })
    expect(progress).toEqual([6, 13, 17])
  })

  it('withholds the last chunk of content that is not the promised one, and stops the source', () => {
    const source = lending(chunks)
    const forged = digestOf(Buffer.from('something else'))
    const result = drain(verifiedBody(source, forged, bytes.length, 'Blob x') as LentBody)
    expect(result.taken).toEqual(chunks.slice(0, 2))
    // The withheld chunk is released all the same: its memory is the source's to read into again.
    expect(source.released).toEqual([0, 1, 2])
    expect(result.error?.message).toMatch(
      /^Blob x has digest sha256:[0-9a-f]{64}: the content is not what was asked for\.$/,
    )
    expect(source.destroyed).toBe(result.error)
  })

  it('refuses more bytes than the descriptor says before passing them on, and fewer at the end', () => {
    const over = drain(verifiedBody(lending(chunks), digestOf(bytes), 10, 'Blob x') as LentBody)
    expect(over.taken).toEqual(chunks.slice(0, 1))
    expect(over.error?.message).toBe('Blob x has more than the 10 bytes its descriptor says.')
    const under = drain(verifiedBody(lending(chunks), digestOf(bytes), 20, 'Blob x') as LentBody)
    expect(under.error?.message).toBe('Blob x has 17 bytes, not the 20 its descriptor says.')
  })

  it('checks a body of unknown size at its end', () => {
    const result = drain(
      verifiedBody(lending(chunks), digestOf(Buffer.from('x')), undefined, 'Blob x') as LentBody,
    )
    expect(result.taken).toEqual(chunks)
    expect(result.error?.message).toMatch(/not what was asked for/)
  })

  it('reads an ordinary stream through the same checks', async () => {
    const body = verifiedBody(Readable.from(chunks), digestOf(Buffer.from('x')), bytes.length, 'Blob x')
    expect(canLend(body)).toBe(false)
    await expect(collectAtMost(body as Readable, 100, () => new Error('too large'))).rejects.toThrow(
      /not what was asked for/,
    )
  })
})
