import { arch, homedir, platform } from 'node:os'
import { join } from 'node:path'
import { errorMessage } from '../common/errors'
import type { Logger } from '../common/log'
import { pluginCacheKey } from './template'

/**
 * The plugin cache: the directory `packer init` installs into (`PACKER_PLUGIN_PATH`), saved and
 * restored with @actions/cache under a key made of the template's plugin requirements and the OS
 * and architecture. Where the cache service is not available (outside GitHub's runners, where
 * neither ACTIONS_CACHE_URL nor ACTIONS_RESULTS_URL is set) it warns and goes on: `packer init`
 * downloads the plugins itself.
 */

export function pluginDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.PACKER_PLUGIN_PATH || join(homedir(), '.packer.d', 'plugins')
}

export interface CacheOutcome {
  key: string
  /** `hit`, `miss`, or `unavailable` (with the warning given). */
  status: 'hit' | 'miss' | 'unavailable'
}

export async function restorePlugins(
  dir: string,
  requiredPlugins: string,
  logger: Logger,
): Promise<CacheOutcome> {
  const key = pluginCacheKey(requiredPlugins, platform(), arch())
  const cache = await import('@actions/cache')
  if (!cache.isFeatureAvailable()) {
    logger.warning(
      'The GitHub Actions cache service is not available here, so Packer plugins are not cached; packer init downloads them.',
    )
    return { key, status: 'unavailable' }
  }
  try {
    const hit = await cache.restoreCache([dir], key)
    logger.info(
      hit ? `Restored Packer plugins from the cache (${key}).` : `No cached Packer plugins for ${key}.`,
    )
    return { key, status: hit ? 'hit' : 'miss' }
  } catch (error) {
    logger.warning(`Could not restore Packer plugins from the cache: ${errorMessage(error)}`)
    return { key, status: 'miss' }
  }
}

export async function savePlugins(dir: string, outcome: CacheOutcome, logger: Logger): Promise<void> {
  if (outcome.status !== 'miss') return
  try {
    const cache = await import('@actions/cache')
    await cache.saveCache([dir], outcome.key)
    logger.info(`Saved Packer plugins to the cache (${outcome.key}).`)
  } catch (error) {
    logger.warning(`Could not save Packer plugins to the cache: ${errorMessage(error)}`)
  }
}
