import { startPost, type ActionContext } from '../common/action'
import { AwsCalls } from '../common/aws'
import { sweep, sweepSentence, type CleanupState } from './cleanup'
import { ACTION, STATE_CLEANUP } from './constants'

/**
 * build-ami's post step (runs.post with post-if: always(), so it runs when the job failed or was
 * cancelled): finds whatever carries this run's tag (a builder instance left by a killed Packer
 * or a runner that died) and removes it with Packer's temporary security group and key pair.
 * Like every post step it only warns.
 */
async function post({ state, logger }: ActionContext): Promise<void> {
  const record = state.getJson<CleanupState>(STATE_CLEANUP)
  if (!record) {
    logger.info('Post: main started no build, so there is nothing to clean up.')
    return
  }
  const { Ec2 } = await import('./aws')
  // No run signal: this cleanup must go out even when the job is being cancelled.
  const calls = new AwsCalls({ region: record.region, maxAttempts: record.maxAttempts, action: ACTION })
  const result = await sweep(new Ec2(calls, record.region), record.runTag, logger, {
    keyPairs: record.keyPairs,
    groups: record.groups,
  })
  const done = sweepSentence(result)
  if (result.problems.length > 0) logger.warning(`Post: ${done}.`)
  else if (done) logger.info(`Post: ${done}.`)
  else logger.info(`Post: nothing of this run's builder is left in ${record.region}.`)
}

startPost('build-ami', post)
