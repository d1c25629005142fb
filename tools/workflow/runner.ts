import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { parse } from 'yaml'
import { parseFileCommand, runBundle, type ActionRun } from '../harness/run-action'
import { asText, condition, interpolate, type Contexts, type Status } from './expressions'

/**
 * Runs GitHub Actions workflow files locally, the way the runner would as far as a rehearsal
 * needs: jobs in `needs` order with GitHub's `if:` rules, reusable workflows (`uses:
 * ./.github/workflows/x.yml`) with their inputs, secrets and outputs, matrices, `run:` steps
 * in bash, and every `uses:` of a local action run from its committed bundle (tools/harness).
 * Every expression is evaluated by GitHub's own evaluator (./expressions).
 *
 * A checkout of the workflow's own repository at job.workflow_sha is this working tree, so
 * `uses: ./<path>/actions/x` after it runs this tree's actions/x. Other checkouts stand for the
 * caller's workspace, which the rehearsal prepares; credentials come from the environment the
 * runner is given. Artifacts are folders under `artifacts`. Steps it cannot run are reported
 * as skipped, with why.
 */

export type Result = 'success' | 'failure' | 'skipped' | 'cancelled'

export interface JobRecord {
  /** The job's path: `release/binary/deploy`. */
  path: string
  result: Result
  outputs: Record<string, string>
  durationMs: number
}

export type RunEvent =
  | { kind: 'job'; path: string; name: string; matrix?: Record<string, unknown> }
  | { kind: 'job-skipped'; path: string; why: string }
  | { kind: 'job-done'; path: string; result: Result; outputs: Record<string, string>; durationMs: number }
  | { kind: 'step'; path: string; name: string }
  | { kind: 'step-skipped'; path: string; name: string; why: string }
  | { kind: 'action'; path: string; name: string; run: ActionRun }
  | { kind: 'run'; path: string; name: string; output: string; exitCode: number }

export interface RunnerOptions {
  /** This repository: the workflows' own commit. */
  root: string
  /** The caller's workspace (what its checkout would hold). */
  workspace: string
  /** Artifact folders by name (actions/upload-artifact and download-artifact). */
  artifacts: string
  /** The environment of every step: the AWS settings of the stand-in, for one. */
  env: Record<string, string>
  /** The github context (event, ref, sha, repository, ...): the caller's. */
  github: Record<string, unknown>
  /** job.workflow_repository and job.workflow_sha: this repository and its commit. */
  workflowRepository: string
  workflowSha: string
  onEvent?: (event: RunEvent) => void
  /** Per action step. */
  timeoutMs?: number
}

export interface WorkflowResult {
  result: Result
  outputs: Record<string, string>
  jobs: Record<string, { result: Result; outputs: Record<string, string> }>
}

interface WorkflowFile {
  on?: { workflow_call?: WorkflowCall }
  env?: Record<string, unknown>
  jobs: Record<string, Job>
}

interface WorkflowCall {
  inputs?: Record<string, { type?: string; required?: boolean; default?: unknown }>
  secrets?: Record<string, { required?: boolean }>
  outputs?: Record<string, { value: string }>
}

interface Job {
  name?: string
  needs?: string | string[]
  if?: unknown
  uses?: string
  with?: Record<string, unknown>
  secrets?: Record<string, unknown> | 'inherit'
  strategy?: { matrix?: unknown; 'max-parallel'?: number }
  env?: Record<string, unknown>
  outputs?: Record<string, unknown>
  steps?: Step[]
  'continue-on-error'?: unknown
}

interface Step {
  id?: string
  name?: string
  if?: unknown
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
  'continue-on-error'?: unknown
  'working-directory'?: string
}

interface ActionFile {
  inputs?: Record<string, { default?: string }>
  runs: { using: string; main: string; post?: string; 'post-if'?: string }
}

const asList = (needs: string | string[] | undefined): string[] =>
  needs === undefined ? [] : Array.isArray(needs) ? needs : [needs]

/** The jobs in an order where each comes after what it needs (GitHub refuses cycles). */
export function jobOrder(jobs: Record<string, { needs?: string | string[] }>): string[] {
  const order: string[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (id: string): void => {
    if (state.get(id) === 'done') return
    if (state.get(id) === 'visiting') throw new Error(`The jobs' needs form a cycle through ${id}.`)
    if (!jobs[id]) throw new Error(`A job needs ${id}, which does not exist.`)
    state.set(id, 'visiting')
    for (const need of asList(jobs[id].needs)) visit(need)
    state.set(id, 'done')
    order.push(id)
  }
  for (const id of Object.keys(jobs)) visit(id)
  return order
}

export class WorkflowRunner {
  constructor(private readonly options: RunnerOptions) {}

  private emit(event: RunEvent): void {
    this.options.onEvent?.(event)
  }

  /** Calls a reusable workflow (a file of this repository) with inputs and secrets. */
  async call(
    file: string,
    inputs: Record<string, unknown>,
    secrets: Record<string, string> = {},
    path = file.replace(/^.*\/|\.ya?ml$/g, ''),
  ): Promise<WorkflowResult> {
    const absolute = resolve(this.options.root, file)
    const workflow = parse(readFileSync(absolute, 'utf8')) as WorkflowFile
    const call = workflow.on?.workflow_call
    if (!call) throw new Error(`${file} is not a reusable workflow (it has no on.workflow_call).`)
    const given = this.callInputs(file, call, inputs)
    for (const [name, secret] of Object.entries(call.secrets ?? {}))
      if (secret.required && !secrets[name]) throw new Error(`${file} requires the secret ${name}.`)
    const jobs: WorkflowResult['jobs'] = {}
    const ancestors = new Map<string, Set<string>>()
    for (const id of jobOrder(workflow.jobs)) {
      const job = workflow.jobs[id]
      const needs = asList(job.needs)
      const above = new Set(needs.flatMap((n) => [n, ...(ancestors.get(n) ?? [])]))
      ancestors.set(id, above)
      const status: Status = {
        failed: [...above].some((n) => jobs[n].result === 'failure'),
        cancelled: [...above].some((n) => jobs[n].result === 'cancelled'),
      }
      // A job whose needs did not all succeed is skipped unless its condition says otherwise.
      const unmet = needs.some((n) => jobs[n].result !== 'success')
      const contexts: Contexts = {
        github: this.options.github,
        inputs: given,
        secrets,
        needs: Object.fromEntries(needs.map((n) => [n, jobs[n]])),
        vars: {},
      }
      const explicit = job.if !== undefined
      const runs = explicit
        ? condition(job.if, contexts, status)
        : !unmet && condition(undefined, contexts, status)
      if (!runs) {
        jobs[id] = { result: 'skipped', outputs: {} }
        this.emit({
          kind: 'job-skipped',
          path: `${path}/${id}`,
          why: explicit ? `its condition is false: ${String(job.if)}` : 'a job it needs did not succeed',
        })
        continue
      }
      jobs[id] = await this.job(`${path}/${id}`, job, contexts, workflow.env ?? {})
    }
    const outputs = Object.fromEntries(
      Object.entries(call.outputs ?? {}).map(([name, output]) => [
        name,
        asText(interpolate(output.value, { github: this.options.github, inputs: given, jobs })),
      ]),
    )
    const results = Object.values(jobs).map((j) => j.result)
    const result: Result = results.includes('failure')
      ? 'failure'
      : results.includes('cancelled')
        ? 'cancelled'
        : 'success'
    return { result, outputs, jobs }
  }

  /** The inputs of a call, typed and defaulted as GitHub does; a missing required input is an error. */
  private callInputs(
    file: string,
    call: WorkflowCall,
    inputs: Record<string, unknown>,
  ): Record<string, unknown> {
    const given: Record<string, unknown> = {}
    for (const name of Object.keys(inputs))
      if (!call.inputs?.[name]) throw new Error(`${file} has no input ${name}.`)
    for (const [name, spec] of Object.entries(call.inputs ?? {})) {
      let value = inputs[name]
      if (value === undefined || value === '') value = value ?? spec.default
      if (value === undefined && spec.required) throw new Error(`${file} requires the input ${name}.`)
      if (spec.type === 'boolean') value = value === true || value === 'true'
      else if (spec.type === 'number') value = value === undefined ? undefined : Number(value)
      else value = value === undefined ? '' : asText(value)
      given[name] = value
    }
    return given
  }

  private async job(
    path: string,
    job: Job,
    outer: Contexts,
    workflowEnv: Record<string, unknown>,
  ): Promise<WorkflowResult['jobs'][string]> {
    const matrix = job.strategy?.matrix
    const combinations: Array<Record<string, unknown> | undefined> = matrix
      ? expandMatrix(interpolate(matrix, outer))
      : [undefined]
    let result: WorkflowResult['jobs'][string] = { result: 'success', outputs: {} }
    for (const [index, combination] of combinations.entries()) {
      const contexts: Contexts = {
        ...outer,
        matrix: combination ?? {},
        strategy: { 'job-index': index, 'job-total': combinations.length },
      }
      const name = asText(interpolate(job.name ?? path.split('/').pop(), contexts))
      const started = Date.now()
      const here = combinations.length > 1 ? `${path}[${index}]` : path
      this.emit({ kind: 'job', path: here, name, matrix: combination })
      const one = job.uses
        ? await this.reusable(here, job, contexts)
        : await this.steps(here, job, contexts, workflowEnv)
      this.emit({ kind: 'job-done', path: here, ...one, durationMs: Date.now() - started })
      // A matrix job fails when one of its runs fails; its outputs are the last run's, as on GitHub.
      result = { result: result.result === 'failure' ? 'failure' : one.result, outputs: one.outputs }
    }
    return result
  }

  private async reusable(
    path: string,
    job: Job,
    contexts: Contexts,
  ): Promise<WorkflowResult['jobs'][string]> {
    const uses = job.uses!
    if (!uses.startsWith('./.github/workflows/'))
      throw new Error(`${path}: only reusable workflows of this repository can be run here, not ${uses}.`)
    const inputs = interpolate(job.with ?? {}, contexts) as Record<string, unknown>
    const secrets =
      job.secrets === 'inherit'
        ? (contexts.secrets as Record<string, string>)
        : Object.fromEntries(
            Object.entries(interpolate(job.secrets ?? {}, contexts) as Record<string, unknown>)
              .map(([k, v]) => [k, asText(v)])
              .filter(([, v]) => v !== ''),
          )
    const called = await this.call(uses.slice(2), inputs, secrets, path)
    return { result: called.result, outputs: called.outputs }
  }

  private async steps(
    path: string,
    job: Job,
    jobContexts: Contexts,
    workflowEnv: Record<string, unknown>,
  ): Promise<WorkflowResult['jobs'][string]> {
    const temp = mkdtempSync(join(tmpdir(), 'workflow-job-'))
    const steps: Record<string, { outputs: Record<string, string>; outcome: Result; conclusion: Result }> = {}
    const posts: Array<() => Promise<void>> = []
    /** Folders where a checkout of this repository at the workflow's commit would be. */
    const selfCheckouts: string[] = []
    const status: Status = { failed: false, cancelled: false }
    const contexts = (): Contexts => ({
      ...jobContexts,
      steps,
      runner: { temp, os: 'Linux', arch: 'X64', name: 'rehearsal' },
      job: {
        status: status.failed ? 'failure' : 'success',
        workflow_repository: this.options.workflowRepository,
        workflow_sha: this.options.workflowSha,
      },
    })
    try {
      const jobEnv = { ...workflowEnv, ...(job.env ?? {}) }
      for (const [index, step] of (job.steps ?? []).entries()) {
        const id = step.id ?? `__step${index}`
        const name = asText(interpolate(step.name ?? step.uses ?? step.run?.split('\n')[0] ?? id, contexts()))
        if (!condition(step.if, contexts(), status)) {
          steps[id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' }
          this.emit({
            kind: 'step-skipped',
            path,
            name,
            why: `its condition is false: ${String(step.if ?? 'success()')}`,
          })
          continue
        }
        const env = Object.fromEntries(
          Object.entries(
            interpolate({ ...jobEnv, ...(step.env ?? {}) }, contexts()) as Record<string, unknown>,
          ).map(([k, v]) => [k, asText(v)]),
        )
        let outcome: Result = 'success'
        let outputs: Record<string, string> = {}
        if (step.run !== undefined) {
          const ran = await this.run(step, env, temp, contexts())
          outputs = ran.outputs
          if (ran.exitCode !== 0) outcome = 'failure'
          this.emit({ kind: 'run', path, name, output: ran.output, exitCode: ran.exitCode })
        } else if (step.uses) {
          const inputs = interpolate(step.with ?? {}, contexts()) as Record<string, unknown>
          const done = await this.uses(path, name, step.uses, inputs, env, selfCheckouts, contexts(), posts)
          outputs = done.outputs
          outcome = done.outcome
        }
        const continueOnError = step['continue-on-error'] === true || step['continue-on-error'] === 'true'
        steps[id] = {
          outputs,
          outcome,
          conclusion: outcome === 'failure' && continueOnError ? 'success' : outcome,
        }
        if (outcome === 'failure' && !continueOnError) status.failed = true
      }
      for (const post of posts.reverse()) await post()
      const outputs = Object.fromEntries(
        Object.entries(interpolate(job.outputs ?? {}, contexts()) as Record<string, unknown>).map(
          ([k, v]) => [k, asText(v)],
        ),
      )
      return { result: status.failed ? 'failure' : 'success', outputs }
    } finally {
      rmSync(temp, { recursive: true, force: true })
    }
  }

  private async run(
    step: Step,
    env: Record<string, string>,
    temp: string,
    contexts: Contexts,
  ): Promise<{ exitCode: number; output: string; outputs: Record<string, string> }> {
    const dir = mkdtempSync(join(temp, 'run-'))
    const script = join(dir, 'script.sh')
    const outputFile = join(dir, 'output')
    const summaryFile = join(dir, 'summary')
    // GitHub renders `${{ }}` in a run: script before bash sees it; the suite's scripts have none.
    writeFileSync(script, asText(interpolate(step.run, contexts)))
    writeFileSync(outputFile, '')
    writeFileSync(summaryFile, '')
    const cwd = step['working-directory']
      ? resolve(this.options.workspace, step['working-directory'])
      : this.options.workspace
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...this.options.env,
        ...env,
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        GITHUB_WORKSPACE: this.options.workspace,
        RUNNER_TEMP: temp,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const exitCode = await new Promise<number>((done) => child.on('close', (code) => done(code ?? 1)))
    return { exitCode, output, outputs: parseFileCommand(readFileSync(outputFile, 'utf8')) }
  }

  private async uses(
    path: string,
    name: string,
    uses: string,
    inputs: Record<string, unknown>,
    env: Record<string, string>,
    selfCheckouts: string[],
    contexts: Contexts,
    posts: Array<() => Promise<void>>,
  ): Promise<{ outcome: Result; outputs: Record<string, string> }> {
    const skipped = (why: string): { outcome: Result; outputs: Record<string, string> } => {
      this.emit({ kind: 'step-skipped', path, name, why })
      return { outcome: 'success', outputs: {} }
    }
    const action = uses.replace(/@.*$/, '')
    if (action === 'actions/checkout') {
      const job = contexts.job as Record<string, unknown>
      if (inputs.repository === job.workflow_repository && inputs.ref === job.workflow_sha) {
        selfCheckouts.push(asText(inputs.path).replace(/^\.\/|\/$/g, ''))
        return skipped(`checkout of infra-actions at the workflow's commit: this working tree stands for it`)
      }
      return skipped(`checkout of the caller's repository: the rehearsal's workspace stands for it`)
    }
    if (action === 'aws-actions/configure-aws-credentials')
      return skipped('credentials: the local AWS stand-in takes the keys in the environment')
    if (action === 'actions/download-artifact') {
      const from = join(this.options.artifacts, asText(inputs.name))
      if (!existsSync(from)) throw new Error(`${path}: no artifact named ${asText(inputs.name)}.`)
      const to = resolve(this.options.workspace, asText(inputs.path) || '.')
      cpSync(from, to, { recursive: true })
      this.emit({ kind: 'step', path, name: `${name}: artifact ${asText(inputs.name)} copied to ${to}` })
      return { outcome: 'success', outputs: { 'download-path': to } }
    }
    if (!uses.startsWith('./')) return skipped(`${uses} is not run in the rehearsal`)
    const local = uses.slice(2).replace(/\/$/, '')
    const own = selfCheckouts.find((folder) => local === folder || local.startsWith(`${folder}/`))
    const dir =
      own !== undefined
        ? join(this.options.root, relative(own, local))
        : resolve(this.options.workspace, local)
    const metadataFile = ['action.yml', 'action.yaml'].map((f) => join(dir, f)).find((f) => existsSync(f))
    if (!metadataFile) throw new Error(`${path}: ${uses} has no action.yml (${dir}).`)
    const metadata = parse(readFileSync(metadataFile, 'utf8')) as ActionFile
    if (!/^node\d+$/.test(metadata.runs.using))
      throw new Error(
        `${path}: ${uses} is a ${metadata.runs.using} action; only JavaScript actions run here.`,
      )
    // The runner passes every input the action declares: the step's value, else the default.
    const values: Record<string, string> = {}
    for (const [input, spec] of Object.entries(metadata.inputs ?? {})) {
      const given = inputs[input]
      values[input] =
        given !== undefined ? asText(given) : asText(interpolate(spec.default ?? '', contexts)).trim()
    }
    for (const input of Object.keys(inputs))
      if (!(input in values)) throw new Error(`${path}: ${uses} has no input ${input}.`)
    const options = {
      inputs: values,
      env: { ...this.options.env, ...env },
      workspace: this.options.workspace,
      timeoutMs: this.options.timeoutMs ?? 15 * 60_000,
    }
    const run = await runBundle(resolve(dirname(metadataFile), metadata.runs.main), options)
    this.emit({ kind: 'action', path, name, run })
    if (metadata.runs.post) {
      const post = resolve(dirname(metadataFile), metadata.runs.post)
      const state = Object.fromEntries(Object.entries(run.state).map(([k, v]) => [`STATE_${k}`, v]))
      posts.push(async () => {
        const ran = await runBundle(post, { ...options, env: { ...options.env, ...state } })
        this.emit({ kind: 'action', path, name: `post ${name}`, run: ran })
      })
    }
    return { outcome: run.exitCode === 0 ? 'success' : 'failure', outputs: run.outputs }
  }
}

/** A matrix's combinations: the product of its vectors less `exclude`, then the `include` entries (the suite's matrices are include-only). */
export function expandMatrix(matrix: unknown): Array<Record<string, unknown>> {
  if (!matrix || typeof matrix !== 'object') throw new Error('The matrix is not an object.')
  const { include, exclude, ...vectors } = matrix as Record<string, unknown>
  let combos: Array<Record<string, unknown>> = Object.keys(vectors).length > 0 ? [{}] : []
  for (const [key, values] of Object.entries(vectors)) {
    if (!Array.isArray(values)) throw new Error(`Matrix vector ${key} is not an array.`)
    combos = combos.flatMap((c) => values.map((v: unknown) => ({ ...c, [key]: v })))
  }
  if (Array.isArray(exclude))
    combos = combos.filter(
      (c) => !exclude.some((e: Record<string, unknown>) => Object.entries(e).every(([k, v]) => c[k] === v)),
    )
  if (include !== undefined && !Array.isArray(include)) throw new Error('Matrix include is not an array.')
  for (const entry of (include ?? []) as Array<Record<string, unknown>>) combos.push(entry)
  if (combos.length === 0) throw new Error('The matrix has no combination.')
  return combos
}
