import { readFile } from 'node:fs/promises'
import { parse } from 'yaml'
// @ts-expect-error: a plain JavaScript script, shared with `npm run docs`
import { renderTables, updateReadme } from '../scripts/docs.mjs'
import { Input, Output } from '../src/settings/names.js'

const root = new URL('../', import.meta.url)
const read = (path: string): Promise<string> => readFile(new URL(path, root), 'utf8')

test("the README's tables are action.yml's", async () => {
  const [readme, actionYml] = await Promise.all([read('README.md'), read('action.yml')])
  expect(readme).toContain(renderTables(actionYml))
  expect(updateReadme(readme, actionYml)).toBe(readme)
})

test('action.yml declares exactly the inputs and outputs the code reads and writes', async () => {
  const action = parse(await read('action.yml')) as {
    inputs: object
    outputs: object
    runs: { using: string; main: string }
  }
  expect(Object.keys(action.inputs).sort()).toEqual(Object.values(Input).sort())
  expect(Object.keys(action.outputs).sort()).toEqual(Object.values(Output).sort())
  expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
})
