import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { condition, interpolate } from './expressions'
import { expandMatrix, jobOrder, WorkflowRunner, type RunEvent } from './runner'

describe('interpolate', () => {
  const contexts = {
    inputs: { name: 'api', flag: true, list: '[1,2]' },
    matrix: { 'task-definition': 'td:1' },
  }

  it('keeps the type of a value that is one expression, and strings the ones inside text', () => {
    expect(interpolate('${{ inputs.flag }}', contexts)).toBe(true)
    expect(interpolate('${{ fromJSON(inputs.list) }}', contexts)).toEqual([1, 2])
    expect(interpolate('svc-${{ inputs.name }}-${{ inputs.flag }}', contexts)).toBe('svc-api-true')
    expect(interpolate({ a: ['${{ matrix.task-definition }}'] }, contexts)).toEqual({ a: ['td:1'] })
    expect(interpolate("${{ inputs.missing || 'default' }}", contexts)).toBe('default')
  })
})

describe('condition', () => {
  const ok = { failed: false, cancelled: false }
  const failed = { failed: true, cancelled: false }

  it('puts success() in front unless a status function is called, as GitHub does', () => {
    expect(condition(undefined, {}, ok)).toBe(true)
    expect(condition(undefined, {}, failed)).toBe(false)
    expect(condition("inputs.x == ''", { inputs: { x: '' } }, failed)).toBe(false)
    expect(condition('${{ always() }}', {}, failed)).toBe(true)
    expect(condition('failure()', {}, failed)).toBe(true)
    expect(condition('${{ !failure() && !cancelled() }}', {}, ok)).toBe(true)
    expect(condition("${{ inputs.x != '' }}", { inputs: { x: '' } }, ok)).toBe(false)
  })
})

describe('jobOrder', () => {
  it('puts every job after what it needs, and refuses cycles and unknown needs', () => {
    expect(jobOrder({ c: { needs: ['a', 'b'] }, b: { needs: 'a' }, a: {} })).toEqual(['a', 'b', 'c'])
    expect(() => jobOrder({ a: { needs: 'b' }, b: { needs: 'a' } })).toThrow(/cycle/)
    expect(() => jobOrder({ a: { needs: 'x' } })).toThrow(/needs x/)
  })
})

describe('expandMatrix', () => {
  it('takes the product of the vectors, less exclude, plus include', () => {
    expect(
      expandMatrix({ os: ['a', 'b'], v: [1, 2], exclude: [{ os: 'b', v: 2 }], include: [{ os: 'c' }] }),
    ).toEqual([{ os: 'a', v: 1 }, { os: 'a', v: 2 }, { os: 'b', v: 1 }, { os: 'c' }])
    expect(() => expandMatrix({ include: [] })).toThrow(/no combination/)
  })
})

describe('WorkflowRunner', () => {
  let root: string
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'workflow-runner-'))
    mkdirSync(join(root, '.github', 'workflows'), { recursive: true })
    mkdirSync(join(root, 'actions', 'echo'), { recursive: true })
    mkdirSync(join(root, 'workspace'))
  })
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  const write = (path: string, text: string): void => writeFileSync(join(root, path), text)
  const runner = (events: RunEvent[] = []): WorkflowRunner =>
    new WorkflowRunner({
      root,
      workspace: join(root, 'workspace'),
      artifacts: join(root, 'artifacts'),
      env: {},
      github: { repository: 'acme/app' },
      workflowRepository: 'acme/infra-actions',
      workflowSha: 'a'.repeat(40),
      onEvent: (e) => events.push(e),
    })

  beforeEach(() => {
    // A JavaScript action that echoes its input as an output, and fails when asked to.
    write(
      'actions/echo/action.yml',
      "inputs:\n  text:\n    default: 'none'\n  fail:\n    default: 'false'\noutputs:\n  said: {}\nruns:\n  using: node24\n  main: index.js\n",
    )
    write(
      'actions/echo/index.js',
      "const fs = require('fs')\nif (process.env['INPUT_FAIL'] === 'true') process.exit(1)\nfs.appendFileSync(process.env.GITHUB_OUTPUT, 'said=' + process.env['INPUT_TEXT'] + '\\n')\n",
    )
    write(
      '.github/workflows/stage.yml',
      `on:
  workflow_call:
    inputs:
      text: { type: string, required: true }
      fail: { type: boolean, default: false }
    outputs:
      said: { value: '\${{ jobs.one.outputs.said }}' }
jobs:
  one:
    runs-on: ubuntu-latest
    outputs:
      said: \${{ steps.echo.outputs.said }}
    steps:
      - uses: actions/checkout@0000000000000000000000000000000000000000 # v5
        with:
          repository: \${{ job.workflow_repository }}
          ref: \${{ job.workflow_sha }}
          path: .self
      - id: echo
        uses: ./.self/actions/echo
        with:
          text: \${{ inputs.text }}
          fail: \${{ inputs.fail }}
`,
    )
  })

  it('chains reusable workflows by needs, passing outputs, and skips what its rules skip', async () => {
    write(
      '.github/workflows/chain.yml',
      `on:
  workflow_call:
    inputs:
      first: { type: string, required: true }
      skip-second: { type: string, default: '' }
    outputs:
      last: { value: '\${{ jobs.third.outputs.said }}' }
jobs:
  first:
    uses: ./.github/workflows/stage.yml
    with:
      text: \${{ inputs.first }}
  second:
    needs: first
    if: inputs.skip-second == ''
    uses: ./.github/workflows/stage.yml
    with:
      text: \${{ needs.first.outputs.said }}-2
  third:
    needs: second
    if: \${{ !failure() && !cancelled() }}
    uses: ./.github/workflows/stage.yml
    with:
      text: third after \${{ needs.second.result }}
  plain:
    needs: second
    runs-on: ubuntu-latest
    steps:
      - run: echo never
`,
    )
    const ran = await runner().call('.github/workflows/chain.yml', { first: 'hello' })
    expect(ran.result).toBe('success')
    expect(ran.jobs.second.outputs.said).toBe('hello-2')
    expect(ran.outputs.last).toBe('third after success')

    const skipping = await runner().call('.github/workflows/chain.yml', { first: 'x', 'skip-second': 'yes' })
    expect(skipping.jobs.second.result).toBe('skipped')
    // A job after a skipped one is skipped unless its condition says otherwise.
    expect(skipping.jobs.plain.result).toBe('skipped')
    expect(skipping.jobs.third.result).toBe('success')
    expect(skipping.outputs.last).toBe('third after skipped')
  })

  it('fails a job whose action fails, skips what needs it, and runs what runs always', async () => {
    write(
      '.github/workflows/failing.yml',
      `on:
  workflow_call: {}
jobs:
  broken:
    uses: ./.github/workflows/stage.yml
    with:
      text: x
      fail: true
  after:
    needs: broken
    uses: ./.github/workflows/stage.yml
    with:
      text: y
  cleanup:
    needs: [broken, after]
    if: always()
    runs-on: ubuntu-latest
    outputs:
      seen: \${{ steps.see.outputs.seen }}
    steps:
      - id: see
        env:
          RESULT: \${{ needs.broken.result }}
        run: echo "seen=$RESULT" >> "$GITHUB_OUTPUT"
`,
    )
    const events: RunEvent[] = []
    const ran = await runner(events).call('.github/workflows/failing.yml', {})
    expect(ran.result).toBe('failure')
    expect(ran.jobs.broken.result).toBe('failure')
    expect(ran.jobs.after.result).toBe('skipped')
    expect(ran.jobs.cleanup).toEqual({ result: 'success', outputs: { seen: 'failure' } })
    expect(events).toContainEqual(
      expect.objectContaining({
        kind: 'step-skipped',
        why: expect.stringMatching(/infra-actions at the workflow's commit/),
      }),
    )
  })

  it('runs a matrix job once per combination', async () => {
    write(
      '.github/workflows/matrix.yml',
      `on:
  workflow_call:
    inputs:
      items: { type: string, required: true }
jobs:
  each:
    strategy:
      matrix:
        include: \${{ fromJSON(inputs.items) }}
    uses: ./.github/workflows/stage.yml
    with:
      text: \${{ matrix.name }}
`,
    )
    const events: RunEvent[] = []
    const ran = await runner(events).call('.github/workflows/matrix.yml', {
      items: JSON.stringify([{ name: 'a' }, { name: 'b' }]),
    })
    expect(ran.jobs.each).toEqual({ result: 'success', outputs: { said: 'b' } })
    expect(
      events.filter((e) => e.kind === 'action').map((e) => (e.kind === 'action' ? e.run.outputs.said : '')),
    ).toEqual(['a', 'b'])
  })

  it('refuses inputs a workflow does not declare and required inputs not given', async () => {
    await expect(runner().call('.github/workflows/stage.yml', {})).rejects.toThrow(/requires the input text/)
    await expect(runner().call('.github/workflows/stage.yml', { text: 'a', other: 'b' })).rejects.toThrow(
      /has no input other/,
    )
  })
})
