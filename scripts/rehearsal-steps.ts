import { startCluster, type Cluster } from '../tools/harness/postgres'
import { createSource, createTarget, prepareServers, sourceUrl, targetUrl } from '../test/db-migrate/fixture'
import type { AwsLocal } from '../tools/aws-local'

/** What the rehearsal's steps share: the stand-in, cleanups to run at the end, earlier outputs. */
export interface Rehearsal {
  aws: AwsLocal
  cleanups: Array<() => Promise<void>>
  outputs: Record<string, Record<string, string>>
  /** Throwaway PostgreSQL servers: production and staging, started on first use. */
  databases?: { production: Cluster; staging: Cluster }
}

export interface RehearsalStep {
  action: string
  title: string
  /** Seeds the stand-in (and any local server) for the step and returns its inputs. */
  prepare(rehearsal: Rehearsal): Promise<Record<string, string>>
}

const RELEASE = 'v1.2.3'

/** Starts the two throwaway PostgreSQL servers once, with a shop database on "production". */
async function databases(rehearsal: Rehearsal): Promise<{ production: Cluster; staging: Cluster }> {
  if (!rehearsal.databases) {
    const [production, staging] = await Promise.all([
      startCluster({ name: 'production' }),
      startCluster({ name: 'staging' }),
    ])
    rehearsal.cleanups.push(
      () => production.stop(),
      () => staging.stop(),
    )
    await prepareServers(production, staging)
    await createSource(production, 'shop')
    await createTarget(staging, 'shop')
    rehearsal.databases = { production, staging }
  }
  return rehearsal.databases
}

/**
 * The release pipeline, in order: bake the image, ship the binary, back up the production
 * database to S3, roll the release out to ECS, invalidate the CDN, refresh staging's database.
 */
export function rehearsalSteps(): RehearsalStep[] {
  return [
    {
      action: 'build-ami',
      title: `bake the ${RELEASE} image`,
      prepare: async () => ({}),
    },
    {
      action: 'deploy-binary',
      title: `ship the ${RELEASE} binary to the EC2 fleet`,
      prepare: async () => ({}),
    },
    {
      action: 'db-migrate',
      title: 'back up the production database to S3 before the release',
      prepare: async (rehearsal) => {
        const { production } = await databases(rehearsal)
        rehearsal.aws.service('s3').createBucket('shop-backups')
        return {
          mode: 'backup',
          'source-url': sourceUrl(production, 'shop'),
          's3-uri': `s3://shop-backups/releases/${RELEASE}/shop.dump`,
          verify: 'counts',
        }
      },
    },
    {
      action: 'ecs-deploy',
      title: `roll ${RELEASE} out to the api and worker services`,
      prepare: async ({ aws }) => {
        const ecs = aws.service('ecs')
        ecs.seedCluster('shop')
        const web = {
          family: 'shop-web',
          networkMode: 'awsvpc',
          requiresCompatibilities: ['FARGATE'],
          cpu: '256',
          memory: '512',
          executionRoleArn: `arn:aws:iam::${aws.accountId}:role/ecsTaskExecutionRole`,
          containerDefinitions: [
            { name: 'app', image: 'registry.example.com/shop/web:v1.2.2', essential: true },
          ],
        }
        ecs.seedService({ cluster: 'shop', name: 'api', taskDefinition: web, desiredCount: 3 })
        ecs.seedService({ cluster: 'shop', name: 'worker', taskDefinition: 'shop-web:1', desiredCount: 1 })
        return {
          cluster: 'shop',
          services: 'api, worker',
          image: `app=registry.example.com/shop/web:${RELEASE}`,
          environment: `app.RELEASE=${RELEASE}`,
        }
      },
    },
    {
      action: 'invalidate-cdn',
      title: 'invalidate the CDN',
      prepare: async () => ({}),
    },
    {
      action: 'db-migrate',
      title: "refresh staging's database from production",
      prepare: async (rehearsal) => {
        const { production, staging } = await databases(rehearsal)
        return {
          mode: 'copy',
          'source-url': sourceUrl(production, 'shop'),
          'target-url': targetUrl(staging, 'shop'),
          strategy: 'swap',
          verify: 'checksums',
        }
      },
    },
  ]
}
