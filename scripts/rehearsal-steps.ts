import type { AwsLocal } from '../tools/aws-local'

/** What the rehearsal's steps share: the stand-in, cleanups to run at the end, earlier outputs. */
export interface Rehearsal {
  aws: AwsLocal
  cleanups: Array<() => Promise<void>>
  outputs: Record<string, Record<string, string>>
}

export interface RehearsalStep {
  action: string
  title: string
  /** Seeds the stand-in (and any local server) for the step and returns its inputs. */
  prepare(rehearsal: Rehearsal): Promise<Record<string, string>>
  /** Extra environment for the step. */
  env?(rehearsal: Rehearsal): Record<string, string>
}

const RELEASE = 'v1.2.3'

/** The release pipeline, in order: bake, ship the binary, roll out ECS, invalidate the CDN, migrate the database. */
export function rehearsalSteps(): RehearsalStep[] {
  return [
    {
      action: 'build-ami',
      title: `bake the ${RELEASE} image`,
      prepare: async () => ({ 'dry-run': 'false' }),
    },
    {
      action: 'deploy-binary',
      title: `ship the ${RELEASE} binary to the EC2 fleet`,
      prepare: async () => ({ 'dry-run': 'false' }),
    },
    {
      action: 'ecs-deploy',
      title: `roll ${RELEASE} out to the ECS services`,
      prepare: async () => ({ 'dry-run': 'false' }),
    },
    {
      action: 'invalidate-cdn',
      title: 'invalidate the CDN',
      prepare: async () => ({ 'dry-run': 'false' }),
    },
    {
      action: 'db-migrate',
      title: 'copy the database',
      prepare: async () => ({ 'dry-run': 'false' }),
    },
  ]
}
