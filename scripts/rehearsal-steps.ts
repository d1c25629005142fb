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
      // Debian's Packer runs a real amazon-ebs build against the stand-in's EC2, copied to eu-west-1.
      prepare: async (rehearsal) => {
        const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs')
        const { tmpdir } = await import('node:os')
        const { join } = await import('node:path')
        const { amazonEbsHclTemplate } = await import('../tools/harness/packer')
        const dir = mkdtempSync(join(tmpdir(), 'rehearsal-build-ami-'))
        rehearsal.cleanups.push(async () => rmSync(dir, { recursive: true, force: true }))
        rehearsal.aws.service('ec2').seedImage({ Name: 'base-al2023-arm64' })
        writeFileSync(
          join(dir, 'api.pkr.hcl'),
          amazonEbsHclTemplate({
            amiName: `shop-api-${RELEASE}-{{timestamp}}`,
            amiRegions: ['eu-west-1'],
            shellLocal: ['echo "installing postgresql, redis, the api binary and its systemd units"'],
          }),
        )
        return {
          template: 'api.pkr.hcl',
          'working-directory': dir,
          variables: `endpoint=${rehearsal.aws.url}`,
          'ssm-parameter': '/shop/prod/ami-id',
          tags: `Release=${RELEASE}`,
          keep: '3',
        }
      },
    },
    {
      action: 'deploy-binary',
      title: `ship the ${RELEASE} binary to the EC2 fleet`,
      prepare: async (rehearsal) => {
        const { mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs')
        const { tmpdir } = await import('node:os')
        const { join } = await import('node:path')
        const { aws } = rehearsal
        // The built binary, and the release before it already in S3 with the pointer naming it.
        const dir = mkdtempSync(join(tmpdir(), 'rehearsal-deploy-binary-'))
        rehearsal.cleanups.push(async () => rmSync(dir, { recursive: true, force: true }))
        const file = join(dir, 'shop-api')
        writeFileSync(file, `#!/bin/sh\necho shop-api ${RELEASE}\n`, { mode: 0o755 })
        const s3 = aws.service('s3')
        s3.createBucket('shop-releases')
        s3.putObject('shop-releases', 'shop-api/v1.2.2/shop-api', '#!/bin/sh\necho shop-api v1.2.2\n')
        s3.putObject('shop-releases', 'shop-api/latest.txt', 'v1.2.2\n')
        // Three instances tagged Role=shop-api whose scripts really run (with sh, as the agent
        // does) in sandboxes; their unit's ExecStartPre is the README's fetch-release script.
        const ec2 = aws.service('ec2')
        const ids = [0, 1, 2].map(
          (i) =>
            ec2.seedInstance({
              Tags: [
                { Key: 'Role', Value: 'shop-api' },
                { Key: 'Name', Value: `shop-api-${i}` },
              ],
            }).InstanceId,
        )
        const ssm = aws.service('ssm')
        ssm.registerEc2Instances({ InstanceIds: ids })
        ssm.runScripts(true, '*', { shell: 'sh' })
        const readme = readFileSync(
          join(import.meta.dirname, '..', 'actions', 'deploy-binary', 'README.md'),
          'utf8',
        )
        const fetchRelease = (
          /```sh\n(#!\/bin\/sh\n# \/usr\/local\/bin\/fetch-release[\s\S]*?)```/.exec(readme)?.[1] ?? ''
        )
          .replace('RELEASES=s3://releases/app', 'RELEASES=s3://shop-releases/shop-api')
          .replace('NAME=app', 'NAME=shop-api')
        for (const id of ids) ssm.writeSandboxFile(id, '/usr/local/bin/fetch-release', fetchRelease, 0o755)
        ssm.setSandboxFakes('*', {
          scripts: {
            systemctl:
              '[ "$1" = restart ] && DIR="$AWS_LOCAL_SANDBOX/opt/shop-api" sh "$AWS_LOCAL_SANDBOX/usr/local/bin/fetch-release"',
          },
        })
        return {
          file,
          bucket: 'shop-releases',
          prefix: 'shop-api',
          version: RELEASE,
          targets: 'tag:Role=shop-api',
          service: 'shop-api',
          'health-check': 'http://127.0.0.1:8080/health',
          'max-concurrency': '50%',
        }
      },
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
      title: 'invalidate what the release changed on the CDN',
      prepare: async ({ aws }) => {
        const cloudfront = aws.service('cloudfront')
        cloudfront.seedDistribution({
          id: 'E1SHOPSITE',
          aliases: ['www.shop.example.com'],
          originPath: '/site',
        })
        cloudfront.setInvalidationPlan({ afterPolls: 2, afterMs: 5000 })
        const sync = [
          `upload: dist/index.html to s3://shop-site/site/index.html`,
          `upload: dist/assets/app.${RELEASE}.js to s3://shop-site/site/assets/app.${RELEASE}.js`,
          `upload: dist/assets/app.${RELEASE}.css to s3://shop-site/site/assets/app.${RELEASE}.css`,
          `upload: dist/docs/release notes.html to s3://shop-site/site/docs/release notes.html`,
          `delete: s3://shop-site/site/assets/app.v1.2.2.js`,
        ]
        return { domain: 'www.shop.example.com', 'sync-log': sync.join('\n') }
      },
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
