import { readdir, readFile } from 'node:fs/promises'
import { parse } from 'yaml'

const dir = new URL('../.github/workflows/', import.meta.url)

interface Step {
  uses?: string
  with?: Record<string, string>
}

test('every workflow that uses this action passes only inputs action.yml declares, and a valid mode', async () => {
  const action = parse(await readFile(new URL('../action.yml', import.meta.url), 'utf8')) as {
    inputs: Record<string, unknown>
  }
  const files = (await readdir(dir)).filter(f => f.endsWith('.yml'))
  let uses = 0
  for (const file of files) {
    const workflow = parse(await readFile(new URL(file, dir), 'utf8')) as {
      jobs: Record<string, { steps?: Step[] }>
    }
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps ?? []) {
        if (step.uses !== './') continue
        uses++
        expect(Object.keys(step.with ?? {}).filter(name => !(name in action.inputs))).toEqual([])
        expect(['build', 'merge']).toContain(step.with?.mode)
      }
    }
  }
  expect(uses).toBeGreaterThanOrEqual(4)
})
