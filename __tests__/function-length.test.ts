/**
 * No function in src/ runs to 80 lines: a reader who opens a file to fix a bug meets named steps, not one long
 * closure. Counted from the function's first line to its last, as an editor shows them.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const Root = fileURLToPath(new URL('..', import.meta.url))
const MaxLines = 79

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

/** Every function with a body in `file`, with its length in lines. */
function functionLengths(file: string): { where: string; lines: number }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
  const found: { where: string; lines: number }[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line
      found.push({ where: `${relative(Root, file)}:${first + 1}`, lines: last - first + 1 })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

test(`no function in src/ is longer than ${MaxLines} lines`, () => {
  const all = sourceFiles(join(Root, 'src')).flatMap(functionLengths)
  // The check can see: src/ has functions, and long ones would be listed.
  expect(all.length).toBeGreaterThan(100)
  expect(all.filter(f => f.lines > MaxLines)).toEqual([])
})
