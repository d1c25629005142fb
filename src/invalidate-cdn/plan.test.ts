import {
  callerReference,
  compareCosts,
  costOf,
  cutBatches,
  describePlan,
  formatUsd,
  planDistribution,
} from './plan'

const run = { runId: '4242', attempt: '1', nonce: '0a1b2c3d4e5f' }
const files = (n: number, prefix = '/f/'): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${i}.html`)
const wildcards = (n: number): string[] => Array.from({ length: n }, (_, i) => `/w${i}/*`)

describe('cutBatches', () => {
  it('keeps a small set in one batch', () => {
    expect(cutBatches(['/a', '/b/*', '#t'])).toEqual([['/b/*', '/a', '#t']])
  })

  it('cuts file paths into batches of at most 3,000', () => {
    expect(cutBatches(files(10_000)).map((b) => b.length)).toEqual([3000, 3000, 3000, 1000])
  })

  it('puts at most 15 wildcards in a batch, spreading them over as few batches as they need', () => {
    const batches = cutBatches([...wildcards(20), ...files(10)])
    expect(batches.map((b) => b.filter((i) => i.endsWith('*')).length)).toEqual([15, 5])
    expect(batches.map((b) => b.length)).toEqual([25, 5])
  })

  it('keeps every batch at 3,000 items or fewer, wildcards included', () => {
    const batches = cutBatches([...wildcards(15), ...files(3000)])
    expect(batches.map((b) => b.length)).toEqual([3000, 15])
    expect(batches.flat().sort()).toEqual([...wildcards(15), ...files(3000)].sort())
  })

  it('counts tags with the file paths', () => {
    const tags = Array.from({ length: 2999 }, (_, i) => `#t${i}`)
    expect(cutBatches([...tags, '/a', '/b']).map((b) => b.length)).toEqual([3000, 1])
  })

  it('follows lower limits', () => {
    expect(cutBatches([...wildcards(3), ...files(3)], { paths: 2, wildcards: 1 })).toEqual([
      ['/w0/*', '/f/0.html'],
      ['/w1/*', '/f/1.html'],
      ['/w2/*', '/f/2.html'],
    ])
  })
})

describe('callerReference', () => {
  it('is the same for the same process, distribution and batch', () => {
    expect(callerReference(run, 'E1', ['/a', '/b'])).toBe(callerReference(run, 'E1', ['/a', '/b']))
    expect(callerReference(run, 'E1', ['/a'])).toMatch(/^infra-actions-4242-1-0a1b2c3d4e5f-[0-9a-f]{24}$/)
  })

  it('differs with another attempt, another step of the same attempt, distribution or batch', () => {
    const base = callerReference(run, 'E1', ['/a'])
    expect(callerReference({ ...run, attempt: '2' }, 'E1', ['/a'])).not.toBe(base)
    expect(callerReference({ ...run, nonce: 'ffffffffffff' }, 'E1', ['/a'])).not.toBe(base)
    expect(callerReference(run, 'E2', ['/a'])).not.toBe(base)
    expect(callerReference(run, 'E1', ['/a', '/b'])).not.toBe(base)
  })
})

describe('planDistribution', () => {
  it('dedupes, drops covered paths and batches', () => {
    const plan = planDistribution({
      distributionId: 'E1',
      items: ['/a.html', '/a.html', '/img/*', '/img/x.png', '#t'],
      requested: 5,
      maxPaths: 1000,
      run,
    })
    expect(plan.items).toEqual(['/a.html', '/img/*', '#t'])
    expect(plan).toMatchObject({ duplicates: 1, covered: 1, collapsedSaved: 0, requested: 5 })
    expect(plan.counts).toEqual({ files: 1, wildcards: 1, tags: 1 })
    expect(plan.batches).toHaveLength(1)
    expect(plan.batches[0]).toMatchObject({ files: 1, wildcards: 1, tags: 1 })
    expect(plan.batches[0].callerReference).toBe(callerReference(run, 'E1', plan.batches[0].items))
  })

  it('collapses above max-paths and reports what it saved', () => {
    const plan = planDistribution({
      distributionId: 'E1',
      items: [...files(2000, '/assets/'), ...files(5, '/docs/')],
      requested: 2005,
      maxPaths: 100,
      run,
    })
    expect(plan.items).toEqual([
      '/docs/0.html',
      '/docs/1.html',
      '/docs/2.html',
      '/docs/3.html',
      '/docs/4.html',
      '/assets/*',
    ])
    expect(plan.collapsedSaved).toBe(1999)
    expect(plan.collapsedInto).toEqual(['/assets/*'])
  })

  it('describes itself in readable lines', () => {
    const plan = planDistribution({
      distributionId: 'E1',
      items: ['/a', '/a', '/b/*'],
      requested: 3,
      maxPaths: 10,
      run,
    })
    expect(describePlan(plan)).toEqual([
      'E1: 2 items (1 file path, 1 wildcard, 0 tags) in 1 batch, from 3 asked for',
      '  1 duplicate path removed',
      '  batch 1: 2 items: /b/* /a',
    ])
  })

  it('says when the wildcards exceed the 15 in progress, and how many the list gave', () => {
    const site = Array.from({ length: 20 }, (_, d) => files(10, `/s${d}/`)).flat()
    const api = Array.from({ length: 8 }, (_, v) => `/api/v${v}/*`)
    const plan = planDistribution({
      distributionId: 'E1',
      items: [...api, ...site],
      requested: 208,
      maxPaths: 46,
      run,
    })
    expect(plan.items).toEqual(expect.arrayContaining(api))
    expect(plan.batches.map((b) => b.wildcards)).toEqual([15, 11])
    expect(describePlan(plan)).toContain(
      '  26 wildcards are more than the 15 a distribution may have in progress: batches queue until the wildcards before them complete (8 wildcards of the list, invalidated as given, and 18 made by collapsing)',
    )
    expect(
      describePlan(
        planDistribution({ distributionId: 'E1', items: wildcards(16), requested: 16, maxPaths: 0, run }),
      ),
    ).toContain(
      '  16 wildcards are more than the 15 a distribution may have in progress: batches queue until the wildcards before them complete (16 wildcards of the list, invalidated as given)',
    )
  })
})

describe('costs', () => {
  it('prices paths at USD 0.005', () => {
    expect(costOf(0)).toBe(0)
    expect(costOf(1)).toBe(0.005)
    expect(costOf(10_000)).toBe(50)
    expect(formatUsd(costOf(3))).toBe('$0.015')
  })

  it('compares the plan with /* and with the list as given', () => {
    const plans = ['E1', 'E2'].map((id) =>
      planDistribution({ distributionId: id, items: files(3000), requested: 3000, maxPaths: 10, run }),
    )
    expect(compareCosts(plans)).toEqual({ planned: 2, everything: 2, naive: 6000 })
  })
})
