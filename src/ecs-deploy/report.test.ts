import { failureSentence, headline, revisionChange, stageRows, type ServiceResult } from './report'
import { tdArn } from './testing'

function result(overrides: Partial<ServiceResult>): ServiceResult {
  return {
    region: 'us-east-1',
    cluster: 'prod',
    service: 'api',
    previousTaskDefinitionArn: tdArn('web', 42),
    taskDefinitionArn: tdArn('web', 43),
    result: 'deployed',
    images: [],
    failedTasks: [],
    events: [],
    ...overrides,
  }
}

describe('failure sentence', () => {
  it('is absent when everything went well', () => {
    expect(failureSentence([result({}), result({ service: 'worker' })])).toBeUndefined()
  })

  it('names the service, the reason and the rollback', () => {
    const failed = result({
      result: 'rolled-back',
      reason: '2 tasks of revision 43 stopped: Essential container in task exited (exit code 1)',
      rollback: 'rolled back to revision 42',
    })
    expect(failureSentence([failed])).toBe(
      'Service api: 2 tasks of revision 43 stopped: Essential container in task exited (exit code 1); rolled back to revision 42.',
    )
  })

  it('says which services were rolled back alongside', () => {
    const failed = result({
      result: 'rolled-back',
      reason: 'revision 43 did not finish rolling out within 15m 00s (1/3 tasks running)',
      rollback: 'rolled back to revision 42',
    })
    const others = [
      result({ service: 'worker', result: 'rolled-back' }),
      result({ service: 'cron', result: 'rolled-back' }),
    ]
    expect(failureSentence([failed, ...others])).toBe(
      'Service api: revision 43 did not finish rolling out within 15m 00s (1/3 tasks running); rolled back to revision 42. Services worker, cron were rolled back with it.',
    )
  })

  it('names the region when there are several', () => {
    const failed = result({
      region: 'eu-west-1',
      result: 'failed',
      reason: "ECS's circuit breaker failed the rollout of revision 43",
      rollback: "it was not rolled back ('rollback' is false)",
    })
    expect(failureSentence([result({}), failed])).toBe(
      "Service api (eu-west-1): ECS's circuit breaker failed the rollout of revision 43; it was not rolled back ('rollback' is false).",
    )
  })
})

describe('headline', () => {
  it('counts results, or shows the failure', () => {
    expect(headline([result({}), result({ service: 'worker' })], undefined)).toBe('✅ deployed: 2 services')
    expect(headline([result({ result: 'planned' })], undefined)).toBe('📝 planned (dry run): 1 service')
    expect(headline([], 'Service api: x.')).toBe('❌ Service api: x.')
  })
})

describe('revisionChange', () => {
  const base = {
    region: 'us-east-1',
    cluster: 'prod',
    service: 'api',
    previousTaskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:4',
    result: 'planned' as const,
    images: [],
    failedTasks: [],
    events: [],
  }
  it('says what a dry run plans, never web:4 → web:4 for a new revision', () => {
    expect(revisionChange({ ...base, target: { kind: 'registration', family: 'web' } })).toBe(
      'new revision of web, from web:4',
    )
    expect(
      revisionChange({
        ...base,
        target: { kind: 'existing', arn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2' },
      }),
    ).toBe('web:4 → web:2')
    expect(
      revisionChange({ ...base, target: { kind: 'existing', arn: base.previousTaskDefinitionArn } }),
    ).toBe('web:4 (the same revision, deployed anew)')
  })

  it('shows the revision rolled out once there is one', () => {
    expect(
      revisionChange({
        ...base,
        taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:5',
      }),
    ).toBe('web:4 → web:5')
  })
})

describe('stageRows', () => {
  it('gives each stage the time it was reached and how long it lasted', () => {
    expect(
      stageRows([
        { stage: 'SCALE_UP', atMs: 1000 },
        { stage: 'BAKE_TIME', atMs: 4500 },
        { stage: 'SUCCESSFUL', atMs: 6000 },
      ]),
    ).toEqual([
      ['SCALE_UP', '+1.0s', '3.5s'],
      ['BAKE_TIME', '+4.5s', '1.5s'],
      ['SUCCESSFUL', '+6.0s', '—'],
    ])
  })
})
