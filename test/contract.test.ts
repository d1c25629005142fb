import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, normalize } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { actionNames, aliasFor, readMetadata, ROOT, workflowActionNames } from '../scripts/actions'

/**
 * The contract between each action's metadata, its code, its README and the files GitHub
 * resolves: what a user reads is what the action does, and both `uses:` forms work.
 */

const names = actionNames()

function tracked(path: string): boolean {
  try {
    execFileSync('git', ['ls-files', '--error-unmatch', path], { cwd: ROOT, stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** The non-test TypeScript sources of an action, concatenated. */
function sourceOf(name: string): string {
  const dir = join(ROOT, 'src', name)
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n')
}

/** The backticked names in the first column of the table under a `## <heading>` of a README. */
function readmeTable(readme: string, heading: string): string[] {
  const section =
    new RegExp(`^## ${heading}\\s*$([\\s\\S]*?)(?=^## |$(?![\\s\\S]))`, 'm').exec(readme)?.[1] ?? ''
  return [...section.matchAll(/^\|\s*`([^`]+)`\s*\|/gm)].map((m) => m[1])
}

const isStub = (name: string): boolean => /notAvailable\(/.test(sourceOf(name))

it('bundles the test fixture with its post step, as its action.yml declares', () => {
  const meta = readMetadata(join(ROOT, 'test', 'fixture', 'action.yml'))
  expect(meta.runs).toEqual({
    using: 'node24',
    main: 'dist/index.js',
    post: 'dist/post/index.js',
    'post-if': 'always()',
  })
  for (const bundle of ['test/fixture/dist/index.js', 'test/fixture/dist/post/index.js'])
    expect(existsSync(join(ROOT, bundle))).toBe(true)
})

it('has only YAML examples that parse, in every README (GitHub rejects what a YAML parser rejects)', () => {
  const readmes = ['README.md', ...names.map((n) => join('actions', n, 'README.md'))]
  const broken: string[] = []
  for (const file of readmes) {
    const text = readFileSync(join(ROOT, file), 'utf8')
    let index = 0
    for (const match of text.matchAll(/```ya?ml\n([\s\S]*?)```/g)) {
      index += 1
      try {
        parseYaml(match[1])
      } catch (error) {
        broken.push(`${file}, YAML example ${index}: ${String((error as Error).message).split('\n')[0]}`)
      }
    }
  }
  expect(broken).toEqual([])
})

it('lists all five actions', () => {
  expect(names).toEqual(['build-ami', 'db-migrate', 'deploy-binary', 'ecs-deploy', 'invalidate-cdn'])
})

describe.each(names)('%s', (name) => {
  const canonicalFile = join(ROOT, 'actions', name, 'action.yml')
  const meta = readMetadata(canonicalFile)

  it('runs its committed bundle on node24', () => {
    expect(meta.runs.using).toBe('node24')
    expect(meta.runs.main).toBe(`../../dist/${name}/index.js`)
    const bundle = normalize(join('actions', name, meta.runs.main))
    expect(existsSync(join(ROOT, bundle))).toBe(true)
    expect(tracked(bundle)).toBe(true)
  })

  it('declares a post step exactly when it has one, bundled beside its entry and run always', () => {
    const hasPost = existsSync(join(ROOT, 'src', name, 'post.ts'))
    expect({ post: meta.runs.post, postIf: meta.runs['post-if'] }).toEqual(
      hasPost
        ? { post: `../../dist/${name}/post/index.js`, postIf: 'always()' }
        : { post: undefined, postIf: undefined },
    )
    if (hasPost) {
      const bundle = normalize(join('actions', name, meta.runs.post as string))
      expect(existsSync(join(ROOT, bundle))).toBe(true)
      expect(tracked(bundle)).toBe(true)
    }
  })

  it('has a root alias generated from the canonical action.yml, resolving to the same bundle', () => {
    const aliasFile = join(ROOT, name, 'action.yml')
    expect(readFileSync(aliasFile, 'utf8')).toBe(aliasFor(name, readFileSync(canonicalFile, 'utf8')))
    const alias = readMetadata(aliasFile)
    const bundle = normalize(join(name, alias.runs.main))
    expect(bundle).toBe(normalize(join('actions', name, meta.runs.main)))
    expect(tracked(join(name, 'action.yml'))).toBe(true)
    for (const step of ['pre', 'post'] as const) {
      if (meta.runs[step])
        expect(normalize(join(name, alias.runs[step] as string))).toBe(
          normalize(join('actions', name, meta.runs[step] as string)),
        )
    }
  })

  it('describes every input and output, with a default for every optional input', () => {
    expect(meta.name).toBeTruthy()
    expect(meta.description).toBeTruthy()
    for (const [input, spec] of Object.entries(meta.inputs ?? {})) {
      expect(`${input}: ${spec.description ?? ''}`.length).toBeGreaterThan(input.length + 10)
      expect(/^[a-z0-9]+(-[a-z0-9]+)*$/.test(input)).toBe(true)
      if (!spec.required) expect(spec.default).toBeDefined()
    }
    for (const [output, spec] of Object.entries(meta.outputs ?? {})) {
      expect(`${output}: ${spec.description ?? ''}`.length).toBeGreaterThan(output.length + 10)
    }
    expect(Object.keys(meta.inputs ?? {})).toContain('dry-run')
  })

  it("documents exactly the metadata's inputs and outputs in its README", () => {
    const readme = readFileSync(join(ROOT, 'actions', name, 'README.md'), 'utf8')
    expect(readmeTable(readme, 'Inputs').sort()).toEqual(Object.keys(meta.inputs ?? {}).sort())
    expect(readmeTable(readme, 'Outputs').sort()).toEqual(Object.keys(meta.outputs ?? {}).sort())
    // An empty default is written as words: two backticks with nothing between them render as
    // two literal backticks on GitHub.
    expect(readme.split('\n').filter((line) => /^\|.*\| *`` *\|/.test(line))).toEqual([])
  })

  it('reads exactly the inputs and writes exactly the outputs its metadata declares', () => {
    const source = sourceOf(name)
    if (isStub(name)) {
      expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toMatch(
        new RegExp(`${name}.*not available yet`, 'i'),
      )
      return
    }
    const literals = new Set([...source.matchAll(/(['"`])([a-z0-9-]+)\1/g)].map((m) => m[2]))
    for (const input of Object.keys(meta.inputs ?? {}))
      expect({ input, read: literals.has(input) }).toEqual({ input, read: true })
    for (const output of Object.keys(meta.outputs ?? {}))
      expect({ output, written: literals.has(output) }).toEqual({ output, written: true })
    const declaredInputs = Object.keys(meta.inputs ?? {})
    for (const m of source.matchAll(/get\w*Input\(\s*(['"])([^'"]+)\1/g))
      expect(declaredInputs).toContain(m[2])
    const declaredOutputs = Object.keys(meta.outputs ?? {})
    for (const m of source.matchAll(/setOutput\(\s*(['"])([^'"]+)\1/g))
      expect(declaredOutputs).toContain(m[2])
  })
})

it('uses the same runtime in every action', () => {
  expect(new Set(names.map((n) => readMetadata(join(ROOT, 'actions', n, 'action.yml')).runs.using))).toEqual(
    new Set(['node24']),
  )
})

describe.each(workflowActionNames())("the workflows' action %s", (name) => {
  const meta = readMetadata(join(ROOT, '.github', 'actions', name, 'action.yml'))

  it('runs its committed bundle on node24', () => {
    expect(meta.runs.using).toBe('node24')
    expect(meta.runs.main).toBe(`../../../dist/${name}/index.js`)
    const bundle = normalize(join('.github', 'actions', name, meta.runs.main))
    expect(existsSync(join(ROOT, bundle))).toBe(true)
    expect(tracked(bundle)).toBe(true)
  })

  it('describes every input and output, with a default for every optional input', () => {
    for (const [input, spec] of Object.entries(meta.inputs ?? {})) {
      expect(`${input}: ${spec.description ?? ''}`.length).toBeGreaterThan(input.length + 10)
      if (!spec.required) expect(spec.default).toBeDefined()
    }
    for (const [output, spec] of Object.entries(meta.outputs ?? {}))
      expect(`${output}: ${spec.description ?? ''}`.length).toBeGreaterThan(output.length + 10)
  })

  it('reads exactly the inputs and writes exactly the outputs its metadata declares', () => {
    const source = sourceOf(name)
    const literals = new Set([...source.matchAll(/(['"`])([a-z0-9-]+)\1/g)].map((m) => m[2]))
    for (const input of Object.keys(meta.inputs ?? {}))
      expect({ input, read: literals.has(input) }).toEqual({ input, read: true })
    for (const output of Object.keys(meta.outputs ?? {}))
      expect({ output, written: literals.has(output) }).toEqual({ output, written: true })
    for (const m of source.matchAll(/get\w*Input\(\s*(['"])([^'"]+)\1/g))
      expect(Object.keys(meta.inputs ?? {})).toContain(m[2])
  })
})

it('never calls HttpClient.getAgentDispatcher, whose undici the bundles leave out (tools/shims/undici)', () => {
  const bundles = readdirSync(join(ROOT, 'dist'), { recursive: true, withFileTypes: true }).filter(
    (e) => e.isFile() && /\.m?js$/.test(e.name),
  )
  expect(bundles.length).toBeGreaterThan(5)
  const calls: string[] = []
  for (const e of bundles) {
    const text = readFileSync(join(e.parentPath, e.name), 'utf8')
    for (const m of text.matchAll(/getAgentDispatcher\(([^)]*)\)\s*(\{?)/g))
      if (m[2] !== '{') calls.push(`${join(e.parentPath, e.name).slice(ROOT.length + 1)}: ${m[0]}`)
  }
  expect(calls).toEqual([])
})
