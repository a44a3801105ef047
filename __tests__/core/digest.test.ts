import { isDigest, parseDigest, sha256Digest, shortDigest } from '../../src/core/digest.js'

test.each([
  [`sha256:${'a'.repeat(64)}`, true],
  [`sha512:${'0'.repeat(128)}`, true],
  [`sha256:${'A'.repeat(64)}`, false],
  [`sha256:${'a'.repeat(63)}`, false],
  [`md5:${'a'.repeat(32)}`, false],
  ['sha256', false],
  [`${'a'.repeat(64)}`, false],
])('isDigest(%j) is %s', (text, valid) => expect(isDigest(text)).toBe(valid))

test('sha256Digest hashes exactly the bytes', () => {
  expect(sha256Digest(Buffer.from(''))).toBe(
    'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  )
})

test('parseDigest names where the bad value came from', () => {
  expect(() => parseDigest('sha256:xyz', "Input 'digests'")).toThrow(
    "Input 'digests': 'sha256:xyz' is not a digest. Expected sha256: followed by 64 lowercase hex digits.",
  )
  expect(shortDigest(`sha256:${'0123456789ab'.repeat(5)}abcd`)).toBe('0123456789ab')
})
