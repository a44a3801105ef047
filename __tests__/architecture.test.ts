import { readdir, readFile } from 'node:fs/promises'
import { dirname, join, normalize, relative } from 'node:path'

/**
 * The import arrows ARCHITECTURE.md draws, as data: which rooms each room may import (its own always). A room
 * is a folder of src/, except that github/'s REST client is an edge while the rest of github/ is the pure
 * derivation settings builds on.
 */
const Allowed: Record<string, string[]> = {
  core: [],
  github: ['core'],
  settings: ['core', 'github'],
  registry: ['core'],
  transfer: ['core', 'registry'],
  handoff: ['core', 'settings'],
  'github/packages': ['core', 'settings', 'registry'],
  builders: ['core', 'settings', 'registry', 'transfer', 'handoff'],
  merge: ['core', 'settings', 'registry', 'transfer', 'handoff'],
  prune: ['core', 'settings', 'registry', 'github/packages'],
  action: [
    'core',
    'settings',
    'github',
    'github/packages',
    'registry',
    'transfer',
    'handoff',
    'builders',
    'merge',
    'prune',
  ],
  cli: ['core', 'settings', 'handoff', 'action'],
  'index.ts': ['action'],
  'cli.ts': ['cli'],
}

/** Packages and Node modules a pure room may load: the pure core hashes, and nothing else. */
const PureExternals: Record<string, string[]> = { core: ['node:crypto'], settings: [] }

const src = join(dirname(new URL(import.meta.url).pathname), '..', 'src')

/** The room of a path relative to src/. */
function roomOf(file: string): string {
  if (file === 'github/packages.ts') return 'github/packages'
  return file.includes('/') ? file.slice(0, file.indexOf('/')) : file
}

interface Import {
  /** The importing file, relative to src/. */
  file: string
  /** The specifier as written: `../core/digest.js`, `node:crypto`. */
  specifier: string
}

/** `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`, across lines. */
const ImportPattern =
  /\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]/g

/** Every import of one file, static or dynamic, `import type` included: a type is an arrow too. */
function importsOf(file: string, text: string): Import[] {
  return [...text.matchAll(ImportPattern)].map(m => ({ file, specifier: (m[1] ?? m[2])! }))
}

/** What breaks the arrows, one line per import, naming the file and the import. */
function violations(imports: Import[]): string[] {
  const found: string[] = []
  for (const { file, specifier } of imports) {
    const from = roomOf(file)
    if (!(from in Allowed)) {
      found.push(`${file}: room '${from}' is not in the table of arrows`)
      continue
    }
    if (!specifier.startsWith('.')) {
      const externals = PureExternals[from]
      if (externals && !externals.includes(specifier))
        found.push(`${file}: the pure ${from}/ imports ${specifier}`)
      continue
    }
    const target = normalize(join(dirname(file), specifier)).replace(/\.js$/, '.ts')
    const to = roomOf(target)
    if (to !== from && !Allowed[from]!.includes(to))
      found.push(`${file}: ${from} may not import ${to} (${specifier})`)
  }
  return found
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter(e => e.isFile() && e.name.endsWith('.ts')).map(e => join(e.parentPath, e.name))
}

test('every import in src/ follows the arrows ARCHITECTURE.md draws', async () => {
  const files = await sourceFiles(src)
  const imports = (
    await Promise.all(files.map(async path => importsOf(relative(src, path), await readFile(path, 'utf8'))))
  ).flat()
  // A reader that found nothing would pass anything.
  expect(imports.filter(i => i.specifier.startsWith('../')).length).toBeGreaterThan(100)
  expect(violations(imports)).toEqual([])
})

test.each([
  [
    'core/compose.ts',
    '../registry/types.js',
    'core/compose.ts: core may not import registry (../registry/types.js)',
  ],
  [
    'settings/settings.ts',
    '../builders/types.js',
    'settings/settings.ts: settings may not import builders (../builders/types.js)',
  ],
  [
    'settings/settings.ts',
    '../github/packages.js',
    'settings/settings.ts: settings may not import github/packages (../github/packages.js)',
  ],
  [
    'handoff/artifacts.ts',
    '../merge/sources.js',
    'handoff/artifacts.ts: handoff may not import merge (../merge/sources.js)',
  ],
  [
    'registry/client.ts',
    '../settings/names.js',
    'registry/client.ts: registry may not import settings (../settings/names.js)',
  ],
  ['core/digest.ts', 'node:fs', 'core/digest.ts: the pure core/ imports node:fs'],
  ['plugins/x.ts', '../core/digest.js', "plugins/x.ts: room 'plugins' is not in the table of arrows"],
])('a wrong arrow is caught: %s importing %s', (file, specifier, message) => {
  expect(violations([{ file, specifier }])).toEqual([message])
})

test.each([
  ['core/compose.ts', './platform.js'],
  ['core/digest.ts', 'node:crypto'],
  ['settings/settings.ts', '../github/derive.js'],
  ['merge/merge-step.ts', '../settings/names.js'],
  ['prune/prune-step.ts', '../github/packages.js'],
  ['cli/main.ts', '../action/run-step.js'],
])('an arrow the table draws is allowed: %s importing %s', (file, specifier) => {
  expect(violations([{ file, specifier }])).toEqual([])
})

test("ARCHITECTURE.md's table of rooms names every folder of src/", async () => {
  const architecture = await readFile(join(src, '..', 'ARCHITECTURE.md'), 'utf8')
  const folders = (await readdir(src, { withFileTypes: true })).filter(e => e.isDirectory()).map(e => e.name)
  expect(folders.length).toBeGreaterThan(5)
  const missing = folders.filter(folder => !architecture.includes(`| \`src/${folder}/\``))
  expect(missing).toEqual([])
  expect(Object.keys(Allowed)).toEqual(expect.arrayContaining(folders))
})
