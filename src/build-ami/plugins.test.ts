import { memoryLogger } from '../common/log'
import { restorePlugins, savePlugins } from './plugins'

describe('plugin cache', () => {
  const saved = { ...process.env }
  afterEach(() => {
    process.env = { ...saved }
  })

  it('warns and goes on where the cache service is not available', async () => {
    delete process.env.ACTIONS_CACHE_URL
    delete process.env.ACTIONS_RESULTS_URL
    delete process.env.ACTIONS_CACHE_SERVICE_V2
    const logger = memoryLogger()
    const outcome = await restorePlugins('/tmp/none', 'amazon >= 1.3.0', logger)
    expect(outcome.status).toBe('unavailable')
    expect(outcome.key).toMatch(/^infra-actions-packer-plugins-/)
    await savePlugins('/tmp/none', outcome, logger)
    expect(logger.lines).toEqual([
      'warning: The GitHub Actions cache service is not available here, so Packer plugins are not cached; packer init downloads them.',
    ])
  })
})
