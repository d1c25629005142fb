import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { memoryLogger } from './log'
import { addSecret, clearSecrets } from './secrets'
import { markdownTable, SummaryBuilder, Timeline } from './summary'

afterEach(clearSecrets)

describe('markdownTable', () => {
  it('escapes pipes and newlines inside cells', () => {
    expect(
      markdownTable(
        ['a', 'b'],
        [
          ['x|y', 'line1\nline2'],
          [1, undefined],
        ],
      ),
    ).toBe('| a | b |\n| --- | --- |\n| x\\|y | line1<br>line2 |\n| 1 |   |')
  })
})

describe('Timeline', () => {
  it('records each phase with its duration and outcome', async () => {
    let now = 1000
    const timeline = new Timeline(() => now)
    await timeline.phase('observe', async () => {
      now += 250
    })
    await expect(
      timeline.phase('apply', async () => {
        now += 2000
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    timeline.skip('verify', 'after a failure')
    expect(timeline.rows()).toEqual([
      ['observe', '+0ms', '250ms', '✅'],
      ['apply', '+250ms', '2.0s', '❌'],
      ['verify', '+2.3s', '0ms', '⏭️ after a failure'],
    ])
  })
})

describe('SummaryBuilder', () => {
  it('writes tables, links and inputs with secrets removed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'summary-'))
    const file = join(dir, 'summary.md')
    writeFileSync(file, '')
    process.env.GITHUB_STEP_SUMMARY = file
    addSecret('tok-123456')
    await new SummaryBuilder()
      .heading('ecs-deploy')
      .table(['Service', 'Result'], [['api', 'rolled out']])
      .link('Open in the console', 'https://console.aws.amazon.com/ecs')
      .paragraph('the token tok-123456 leaked into a message')
      .inputs({ cluster: 'prod', token: 'tok-123456' }, ['token'])
      .write(memoryLogger())
    const text = readFileSync(file, 'utf8')
    expect(text).toContain('## ecs-deploy')
    expect(text).toContain('| api | rolled out |')
    expect(text).toContain('[Open in the console](https://console.aws.amazon.com/ecs)')
    expect(text).toContain('| `token` | *** |')
    expect(text).not.toContain('tok-123456')
    rmSync(dir, { recursive: true, force: true })
  })

  it('warns instead of failing when the summary cannot be written', async () => {
    process.env.GITHUB_STEP_SUMMARY = '/nonexistent/dir/summary.md'
    const logger = memoryLogger()
    await new SummaryBuilder().heading('x').write(logger)
    expect(logger.lines.some((l) => l.startsWith('warning: Could not write the job summary'))).toBe(true)
  })
})
