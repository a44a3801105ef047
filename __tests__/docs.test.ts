import { readFile } from 'node:fs/promises'
import { parse } from 'yaml'
// @ts-expect-error: a plain JavaScript script, shared with `npm run docs`
import { renderTables, updateReadme } from '../scripts/docs.mjs'
import { Input, Output } from '../src/settings/names.js'
import { ActionRepository, Uses } from './published-name.js'

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

describe('the README, as a user pastes it', () => {
  let readme: string
  beforeAll(async () => {
    readme = await read('README.md')
  })

  /** The README's `## ` sections by title. */
  const sections = (): Map<string, string> =>
    new Map(
      readme
        .split(/^(?=## )/m)
        .map(section => [/^## (.*)/.exec(section)?.[1] ?? '', section] as [string, string]),
    )

  test('has no placeholder left for the name the action is published under', () => {
    expect(readme).not.toMatch(/OWNER/)
  })

  test('every uses: of this action or its reusable workflow has the published name, at v1', () => {
    const named = [...readme.matchAll(/uses:\s*([\w./@${}-]*native-multiarch[\w./@${}-]*)/g)].map(m => m[1])
    // Ten steps (quick start, the copy-paste workflows, metadata-action, migrating) and one reusable call.
    expect(named.length).toBeGreaterThanOrEqual(11)
    for (const uses of named) expect([Uses.action, Uses.reusableWorkflow]).toContain(uses)
    expect(named).toContain(Uses.reusableWorkflow)
  })

  test('the command line is run as the npm package, or downloaded from the published repository', () => {
    const npx = [...readme.matchAll(/\bnpx (?:--yes )?([\w@./:#-]+)/g)].map(m => m[1])
    expect(npx.length).toBeGreaterThanOrEqual(3)
    for (const name of npx) expect(name).toMatch(/^native-multiarch(@1)?$/)
    const downloads = [...readme.matchAll(/raw\.githubusercontent\.com\/([^/]+\/[^/]+)\//g)].map(m => m[1])
    expect(downloads.length).toBeGreaterThanOrEqual(2)
    for (const repository of downloads) expect(repository).toBe(ActionRepository)
  })

  test('an image name the user must replace says so where it appears', () => {
    const images = [...readme.matchAll(/^\s*images: (?!\$\{\{|ghcr\.io\/\$\{\{)(.*)$/gm)].map(m => m[1]!)
    expect(images.length).toBeGreaterThanOrEqual(5)
    for (const line of images) expect(line).toMatch(/ # your image$/)
  })

  test('claims about other tools link to their sources', () => {
    const intro = sections().get('')!
    const qemu = /^.*4x to 20x[\s\S]*?\n\n/m.exec(intro)![0]
    expect(qemu.match(/\]\(https:\/\/github\.com\/[^)]+\)/g)!.length).toBeGreaterThanOrEqual(3)
    const recipe =
      '(https://docs.docker.com/build/ci/github-actions/multi-platform/#distribute-build-across-multiple-runners)'
    expect(readme.split(recipe).length - 1).toBeGreaterThanOrEqual(2)
  })

  test("figures say how to reproduce them; this project's own machine is only in Development", () => {
    const all = sections()
    expect(all.get('Performance')).toMatch(
      /^Every figure in this section comes from one run of `npm run bench`/m,
    )
    for (const [title, text] of all) {
      if (title === 'Development') continue
      expect({ title, machine: /NODE_EXTRA_CA_CERTS|proxy's CA|Firecracker/.test(text) }).toEqual({
        title,
        machine: false,
      })
    }
    expect(all.get('Development')).toContain('NODE_EXTRA_CA_CERTS')
  })
})
