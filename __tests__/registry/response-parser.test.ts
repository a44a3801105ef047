import { ConnectionClosedError, ResponseParser } from '../../src/registry/response-parser.js'

/** Feeds `text` in pieces of `size` bytes; returns the parser and the body it found. */
function parse(text: string | Buffer, size = Infinity): { parser: ResponseParser; body: string } {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'latin1')
  const parser = new ResponseParser()
  const parts: Buffer[] = []
  for (let at = 0; at < bytes.length; at += Math.min(size, bytes.length)) {
    // Each piece is a copy whose memory is scribbled over after the feed, as a reused read buffer would be.
    const piece = Buffer.from(bytes.subarray(at, at + Math.min(size, bytes.length)))
    parser.feed(piece, part => parts.push(Buffer.from(part)))
    piece.fill(0x21)
  }
  return { parser, body: Buffer.concat(parts).toString('latin1') }
}

const chunked =
  'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n' +
  '5;name=value\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nDigest: x\r\n\r\n'

describe('ResponseParser', () => {
  it.each([1, 2, 3, 7, 1000])('reads a chunked body fed %i bytes at a time', size => {
    const { parser, body } = parse(chunked, size)
    expect(parser.head!.status).toBe(200)
    expect(body).toBe('hello 0123456789')
    expect(parser.ended).toBe(true)
  })

  it.each([1, 5, 1000])(
    'reads a Content-Length body fed %i bytes at a time, headers as node:http gives them',
    size => {
      const { parser, body } = parse(
        'HTTP/1.1 401 Unauthorized\r\nContent-Length: 4\r\nWWW-Authenticate: Basic realm="a"\r\n' +
          'www-authenticate: Bearer realm="b"\r\nLocation: /one\r\nLocation: /two\r\nSet-Cookie: a=1\r\n' +
          'Set-Cookie: b=2\r\n\r\nbody',
        size,
      )
      expect(parser.head).toEqual({
        status: 401,
        headers: {
          'content-length': '4',
          'www-authenticate': 'Basic realm="a", Bearer realm="b"',
          location: '/one',
          'set-cookie': ['a=1', 'b=2'],
        },
      })
      expect(body).toBe('body')
      expect(parser.ended).toBe(true)
    },
  )

  it('skips 1xx heads and reads the answer after them', () => {
    const { parser, body } = parse(
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
      4,
    )
    expect(parser.head).toEqual({ status: 200, headers: { 'content-length': '2' } })
    expect(body).toBe('ok')
  })

  it('ends a body without length or chunks at the close, and none before', () => {
    const { parser, body } = parse('HTTP/1.0 200 OK\r\n\r\nall of it', 3)
    expect(parser.ended).toBe(false)
    parser.close()
    expect(parser.ended).toBe(true)
    expect(body).toBe('all of it')
  })

  it('has no body for 204 and 304, and an empty one for Content-Length: 0', () => {
    for (const head of [
      'HTTP/1.1 204 No Content\r\n\r\n',
      'HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n',
    ]) {
      expect(parse(head).parser.ended).toBe(true)
    }
    expect(parse('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n').parser.ended).toBe(true)
  })

  it('prefers chunks to a Content-Length, and reads to the close when chunked is not the last coding', () => {
    const both =
      'HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n'
    expect(parse(both).body).toBe('ok')
    const gzip = parse('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nraw')
    expect(gzip.parser.ended).toBe(false)
    gzip.parser.close()
    expect(gzip.body).toBe('raw')
  })

  it('calls a close before the end of a framed body a reset, as node:http does', () => {
    const cut = parse('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf').parser
    expect(() => cut.close()).toThrow(ConnectionClosedError)
    expect(() => cut.close()).toThrow(expect.objectContaining({ code: 'ECONNRESET' }))
    const silent = new ResponseParser()
    expect(() => silent.close()).toThrow(/socket hang up/)
    const midChunk = parse('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab').parser
    expect(() => midChunk.close()).toThrow(/before the end of the response body/)
  })

  it.each([
    ['a status line that is not HTTP', 'SSH-2.0-OpenSSH\r\n\r\n', /Not an HTTP\/1\.1 status line/],
    ['a folded header', 'HTTP/1.1 200 OK\r\nA: b\r\n  c\r\n\r\n', /Not an HTTP header line/],
    [
      'two different lengths',
      'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n',
      /two Content-Length/,
    ],
    ['a length that is no number', 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', /not a number/],
    [
      'a chunk size that is no number',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      /not hexadecimal/,
    ],
    [
      'a chunk longer than its size',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n',
      /longer than its size/,
    ],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parse(text, 2)).toThrow(message)
  })

  it('refuses a head that never ends, and a chunk line that never ends', () => {
    expect(() => parse(`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(70_000)}`, 8192)).toThrow(
      /larger than 65536 bytes/,
    )
    const endless = `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${'1'.repeat(5000)}`
    expect(() => parse(endless, 1000)).toThrow(/chunk line is too long/)
  })

  it('passes body parts as views of the bytes fed, not copies', () => {
    const parser = new ResponseParser()
    parser.feed(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\n'), () => {})
    const bytes = Buffer.from('12345678')
    const parts: Buffer[] = []
    parser.feed(bytes, part => parts.push(part))
    expect(parts).toHaveLength(1)
    expect(parts[0]!.buffer).toBe(bytes.buffer)
    expect(parts[0]!.byteOffset).toBe(bytes.byteOffset)
  })
})
