import { describePlan, plan, strategyText } from './plan'
import { inputs, regionState, service, taskDefinition, tdArn } from './testing'
import { userErrorOf } from '../common/testing'

const web42 = taskDefinition('web', 42)
const sidecar = taskDefinition('web', 42, [
  ['app', 'acme/web:1.0.0'],
  ['envoy', 'envoyproxy/envoy:v1.30'],
])

describe('plan', () => {
  it('registers one revision for services sharing a family', () => {
    const state = regionState(
      [service('api', tdArn('web', 42)), service('worker', tdArn('web', 42))],
      [web42],
    )
    const p = plan(inputs({ services: ['api', 'worker'] }), state)
    expect(p.registrations).toHaveLength(1)
    expect(p.registrations[0]).toMatchObject({
      family: 'web',
      basedOn: tdArn('web', 42),
      services: ['api', 'worker'],
    })
    expect(p.registrations[0].request.containerDefinitions?.[0].image).toBe('acme/web:2.0.0')
    expect(p.services.map((s) => s.target)).toEqual([
      { kind: 'registration', family: 'web' },
      { kind: 'registration', family: 'web' },
    ])
    expect(p.services[0]).toMatchObject({
      previousTaskDefinitionArn: tdArn('web', 42),
      forceNewDeployment: false,
    })
    expect(p.services[0].images).toEqual([{ container: 'app', from: 'acme/web:1.0.0', to: 'acme/web:2.0.0' }])
    expect(p.notes[0]).toBe('Services api, worker share family web: one new revision for all of them.')
  })

  it('copies the newest revision in use when services of a family run different revisions', () => {
    const state = regionState(
      [service('api', tdArn('web', 42)), service('worker', tdArn('web', 40))],
      [web42, taskDefinition('web', 40)],
    )
    const p = plan(inputs({ services: ['api', 'worker'] }), state)
    expect(p.registrations).toHaveLength(1)
    expect(p.registrations[0].basedOn).toBe(tdArn('web', 42))
    expect(p.notes).toContain(
      'Service worker runs web:40; it moves to the copy of web:42, the newest revision in use.',
    )
  })

  it('registers one revision per family, each taking the containers it has', () => {
    const state = regionState(
      [service('api', tdArn('web', 42)), service('jobs', tdArn('jobs', 7))],
      [web42, taskDefinition('jobs', 7, [['runner', 'acme/jobs:1']])],
    )
    const images = new Map([
      ['app', 'acme/web:2'],
      ['runner', 'acme/jobs:2'],
    ])
    const p = plan(inputs({ services: ['api', 'jobs'], images: { kind: 'per-container', images } }), state)
    expect(p.registrations.map((r) => [r.family, r.request.containerDefinitions?.[0].image])).toEqual([
      ['web', 'acme/web:2'],
      ['jobs', 'acme/jobs:2'],
    ])
  })

  it('forces a new deployment of the current revision when nothing else is given', () => {
    const state = regionState([service('api', tdArn('web', 42))], [web42])
    const p = plan(inputs({ source: { kind: 'force' }, images: { kind: 'none' }, desiredCount: 5 }), state)
    expect(p.registrations).toEqual([])
    expect(p.services[0]).toMatchObject({
      target: { kind: 'existing', arn: tdArn('web', 42) },
      forceNewDeployment: true,
      desiredCount: 5,
      previousDesiredCount: 3,
    })
    expect(describePlan(p)).toContain(
      '  update service api: force a new deployment of web:42, desired count 3 -> 5 (rolling update)',
    )
  })

  it('deploys an existing revision as it is', () => {
    const state = {
      ...regionState([service('api', tdArn('web', 42))], [web42, taskDefinition('web', 44)]),
      existingTarget: tdArn('web', 44),
    }
    const p = plan(
      inputs({ source: { kind: 'existing', reference: 'web:44' }, images: { kind: 'none' } }),
      state,
    )
    expect(p.services[0]).toMatchObject({
      target: { kind: 'existing', arn: tdArn('web', 44) },
      forceNewDeployment: false,
    })
  })

  it('registers a file with images substituted and environment merged, for every service', () => {
    const state = regionState(
      [service('api', tdArn('web', 42)), service('worker', tdArn('web', 42))],
      [web42],
    )
    const definition = {
      family: 'web',
      containerDefinitions: [{ name: 'app', image: 'placeholder', environment: [{ name: 'A', value: '1' }] }],
      revision: 3,
    }
    const p = plan(
      inputs({
        services: ['api', 'worker'],
        source: { kind: 'file', path: 'td.json', definition },
        environment: [{ container: 'app', name: 'B', value: '2' }],
      }),
      state,
    )
    expect(p.registrations).toHaveLength(1)
    expect(p.registrations[0].request).not.toHaveProperty('revision')
    expect(p.registrations[0].request.containerDefinitions?.[0]).toMatchObject({
      image: 'acme/web:2.0.0',
      environment: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
    })
  })

  it('plans the one-off task with the first service network settings', () => {
    const state = regionState([service('api', tdArn('web', 42))], [web42])
    const p = plan(inputs({ runTask: { command: ['bin/migrate'] } }), state)
    expect(p.runTask).toMatchObject({
      target: { kind: 'registration', family: 'web' },
      container: 'app',
      command: ['bin/migrate'],
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
      networkFrom: 'api',
    })
  })
})

describe('plan refuses what does not fit the services', () => {
  const state = regionState([service('api', tdArn('web', 42))], [sidecar])

  it('a single image for a task definition with several containers', () => {
    expect(userErrorOf(() => plan(inputs(), state))).toBe(
      "Input 'image' gives one image, but task definition web:42 (service api) has 2 containers (app, envoy); write one container=image line per container to change.",
    )
  })

  it('an unknown container', () => {
    const images = new Map([['nginx', 'nginx:1']])
    expect(userErrorOf(() => plan(inputs({ images: { kind: 'per-container', images } }), state))).toBe(
      "Input 'image' names container nginx, which task definition web:42 (service api) does not have; its containers are app, envoy.",
    )
  })

  it('an environment variable without a container', () => {
    const images = new Map([['app', 'acme/web:2']])
    const environment = [{ name: 'A', value: '1' }]
    expect(
      userErrorOf(() => plan(inputs({ images: { kind: 'per-container', images }, environment }), state)),
    ).toMatch(
      /^Input 'environment' sets A without a container, but task definition web:42 \(service api\) has 2 containers/,
    )
  })

  it('a run-task container that does not exist, or none when there are several', () => {
    const images = new Map([['app', 'acme/web:2']])
    const base = { images: { kind: 'per-container' as const, images } }
    expect(userErrorOf(() => plan(inputs({ ...base, runTask: { command: ['x'] } }), state))).toBe(
      "Input 'run-task-container' is required because the task definition of service api has 2 containers (app, envoy).",
    )
    expect(
      userErrorOf(() => plan(inputs({ ...base, runTask: { command: ['x'], container: 'db' } }), state)),
    ).toMatch(/names container db/)
  })

  it('a service of another deployment controller', () => {
    const blueGreen = regionState(
      [service('api', tdArn('web', 42), { deploymentController: { type: 'CODE_DEPLOY' } })],
      [web42],
    )
    expect(userErrorOf(() => plan(inputs(), blueGreen))).toBe(
      'Service api uses the CODE_DEPLOY deployment controller; ecs-deploy rolls out services that use the ECS (rolling update) controller only.',
    )
  })

  it('a container named in no family, or a family left unchanged', () => {
    const two = regionState(
      [service('api', tdArn('web', 42)), service('jobs', tdArn('jobs', 7))],
      [web42, taskDefinition('jobs', 7, [['runner', 'acme/jobs:1']])],
    )
    const unknown = new Map([
      ['app', 'acme/web:2'],
      ['db', 'postgres:16'],
    ])
    expect(
      userErrorOf(() =>
        plan(inputs({ services: ['api', 'jobs'], images: { kind: 'per-container', images: unknown } }), two),
      ),
    ).toMatch(/^Input 'image' names container db, which none of the services' task definitions has/)
    const onlyApp = new Map([['app', 'acme/web:2']])
    expect(
      userErrorOf(() =>
        plan(inputs({ services: ['api', 'jobs'], images: { kind: 'per-container', images: onlyApp } }), two),
      ),
    ).toBe(
      "Input 'image' changes no container of task definition jobs:7 (service jobs), whose containers are runner; name one of them or leave that service out.",
    )
  })
})

describe('plan: deployment strategies', () => {
  const nativeService = (name: string, deploymentConfiguration: Record<string, unknown>) =>
    service(name, tdArn('web', 42), { deploymentConfiguration })

  it.each([
    [
      { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5 },
      'blue/green: test traffic, then all production traffic at once, bake time 5 min',
    ],
    [
      { strategy: 'CANARY', canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 15 } },
      'canary: 10% of production traffic for 15 min, then the rest, bake time 0 min',
    ],
    [
      {
        strategy: 'LINEAR',
        bakeTimeInMinutes: 3,
        linearConfiguration: { stepPercent: 20, stepBakeTimeInMinutes: 2 },
      },
      'linear: 20% more production traffic every 2 min, bake time 3 min',
    ],
    [{}, 'rolling update'],
  ])('says the strategy %j in the plan', (config, text) => {
    const p = plan(inputs(), regionState([nativeService('api', config)], [web42]))
    expect(strategyText(p.services[0].strategy)).toBe(text)
    expect(describePlan(p)).toContain(`  update service api: web:42 -> the new revision of web (${text})`)
  })

  it('notes what wait-for means where the strategy changes it, and every PAUSE hook', () => {
    const state = regionState(
      [
        service('worker', tdArn('web', 42)),
        nativeService('api', {
          strategy: 'BLUE_GREEN',
          lifecycleHooks: [
            {
              targetType: 'PAUSE',
              lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
              timeoutConfiguration: { timeoutInMinutes: 30, action: 'ROLLBACK' },
            },
          ],
        }),
      ],
      [web42],
    )
    const shifted = plan(inputs({ services: ['worker', 'api'], waitFor: 'traffic-shifted' }), state)
    expect(shifted.notes).toContain(
      "'wait-for: traffic-shifted' waits for service worker as 'stable': a rolling update moves traffic as it replaces tasks.",
    )
    expect(shifted.notes).toContain(
      'Service api has a PAUSE hook at POST_TEST_TRAFFIC_SHIFT: ECS waits there for ContinueServiceDeployment (up to 30 minutes, then ROLLBACK).',
    )
    expect(shifted.notes.join('\n')).not.toMatch(/circuit breaker/)
    const healthy = plan(inputs({ services: ['worker', 'api'], waitFor: 'healthy' }), state)
    expect(healthy.notes).toContain(
      "'wait-for: healthy' waits for service api until the service deployment is SUCCESSFUL: ECS moves production traffic only to tasks that pass their health checks.",
    )
  })

  it("notes that rollback: false leaves ECS's own circuit-breaker rollback in place", () => {
    const breaker = { deploymentCircuitBreaker: { enable: true, rollback: true } }
    const state = regionState(
      [
        service('api', tdArn('web', 42), { deploymentConfiguration: breaker }),
        service('worker', tdArn('web', 42)),
      ],
      [web42],
    )
    const note =
      "'rollback: false' does not stop ECS's circuit breaker of service api from rolling a failed rollout back to the revision it replaces (deploymentCircuitBreaker.rollback is on)."
    expect(plan(inputs({ services: ['api', 'worker'], rollback: false }), state).notes).toContain(note)
    expect(plan(inputs({ services: ['api', 'worker'] }), state).notes).not.toContain(note)
    const off = regionState([service('worker', tdArn('web', 42))], [web42])
    expect(plan(inputs({ services: ['worker'], rollback: false }), off).notes.join('\n')).not.toMatch(
      /circuit breaker/,
    )
  })
})
