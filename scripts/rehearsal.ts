import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startAwsLocal, type AwsLocal } from '../tools/aws-local'
import { amazonEbsHclTemplate } from '../tools/harness/packer'
import { startCluster, type Cluster } from '../tools/harness/postgres'
import { WorkflowRunner, type RunEvent, type WorkflowResult } from '../tools/workflow/runner'
import { createSource, createTarget, prepareServers, sourceUrl, targetUrl } from '../test/db-migrate/fixture'
import { ROOT } from './actions'

/**
 * The local rehearsal of the release pipeline, from the real workflow files: release.yml twice
 * (v1.2.2 with the binary and ECS stages only, then v1.2.3 with every stage), rollback.yml back to
 * the previous release, and db-migrate.yml refreshing staging's database from production. Each
 * runs through tools/workflow (GitHub's expression evaluator, jobs in `needs` order, the committed
 * bundles) against the local AWS stand-in, two throwaway PostgreSQL servers and a real Packer
 * amazon-ebs build pointed at the stand-in's EC2. Nothing outside this machine is touched.
 */

export const ENVIRONMENT = 'production'
export const RELEASES = { previous: 'v1.2.2', current: 'v1.2.3' } as const
export const BUCKET = 'shop-releases'
export const PREFIX = 'shop-api'
export const AMI_PARAMETER = '/shop/prod/ami-id'
export const DISTRIBUTION = 'E1SHOPSITE'

export interface World {
  aws: AwsLocal
  production: Cluster
  staging: Cluster
  workspace: string
  artifacts: string
  instanceIds: string[]
  close(): Promise<void>
}

export interface Rehearsal {
  world: World
  runs: Array<{ title: string; workflow: string; result: WorkflowResult; durationMs: number }>
}

/** The stand-in and servers seeded as a team's AWS account would be before its first release. */
export async function prepareWorld(): Promise<World> {
  const aws = await startAwsLocal()
  const cleanups: Array<() => Promise<void>> = [() => aws.close()]
  const close = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined)
  }
  try {
    const root = mkdtempSync(join(tmpdir(), 'rehearsal-'))
    cleanups.push(async () => rmSync(root, { recursive: true, force: true }))
    const workspace = join(root, 'workspace')
    const artifacts = join(root, 'artifacts')
    mkdirSync(join(workspace, 'packer'), { recursive: true })
    // The caller's repository: a Packer template whose amazon-ebs builder talks to the stand-in.
    aws.service('ec2').seedImage({ Name: 'base-al2023-arm64' })
    writeFileSync(
      join(workspace, 'packer', 'api.pkr.hcl'),
      amazonEbsHclTemplate({
        amiName: `shop-api-${RELEASES.current}-{{timestamp}}`,
        amiRegions: ['eu-west-1'],
        shellLocal: ['echo "installing postgresql, redis, the api binary and its systemd units"'],
      }),
    )
    // The build job's artifacts: one binary per release.
    for (const version of Object.values(RELEASES)) {
      mkdirSync(join(artifacts, `shop-api-${version}`), { recursive: true })
      writeFileSync(join(artifacts, `shop-api-${version}`, 'shop-api'), binaryOf(version), {
        mode: 0o755,
      })
    }
    const instanceIds = seedFleet(aws)
    seedEcs(aws)
    aws.service('cloudfront').seedDistribution({
      id: DISTRIBUTION,
      aliases: ['www.shop.example.com'],
      originPath: '/site',
    })
    aws.service('cloudfront').setInvalidationPlan({ afterPolls: 2, afterMs: 3000 })
    aws.service('s3').createBucket('shop-backups')
    const [production, staging] = await Promise.all([
      startCluster({ name: 'production' }),
      startCluster({ name: 'staging' }),
    ])
    cleanups.push(
      () => production.stop(),
      () => staging.stop(),
    )
    await prepareServers(production, staging)
    await createSource(production, 'shop')
    await createTarget(staging, 'shop')
    return { aws, production, staging, workspace, artifacts, instanceIds, close }
  } catch (error) {
    await close()
    throw error
  }
}

/**
 * Three instances tagged Role=shop-api whose scripts really run (with sh, as the agent does) in
 * sandboxes; their unit's ExecStartPre is deploy-binary's README fetch-release script.
 */
function seedFleet(aws: AwsLocal): string[] {
  aws.service('s3').createBucket(BUCKET)
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
  const readme = readFileSync(join(ROOT, 'actions', 'deploy-binary', 'README.md'), 'utf8')
  const fetchRelease = (
    /```sh\n(#!\/bin\/sh\n# \/usr\/local\/bin\/fetch-release[\s\S]*?)```/.exec(readme)?.[1] ?? ''
  )
    .replace('RELEASES=s3://releases/app', `RELEASES=s3://${BUCKET}/${PREFIX}`)
    .replace('NAME=app', 'NAME=shop-api')
  for (const id of ids) ssm.writeSandboxFile(id, '/usr/local/bin/fetch-release', fetchRelease, 0o755)
  ssm.setSandboxFakes('*', {
    scripts: {
      systemctl:
        '[ "$1" = restart ] && DIR="$AWS_LOCAL_SANDBOX/opt/shop-api" sh "$AWS_LOCAL_SANDBOX/usr/local/bin/fetch-release"',
    },
  })
  return ids
}

function seedEcs(aws: AwsLocal): void {
  const ecs = aws.service('ecs')
  ecs.seedCluster('shop')
  const web = {
    family: 'shop-web',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    executionRoleArn: `arn:aws:iam::${aws.accountId}:role/ecsTaskExecutionRole`,
    containerDefinitions: [{ name: 'app', image: 'registry.example.com/shop/web:v1.2.1', essential: true }],
  }
  ecs.seedService({ cluster: 'shop', name: 'api', taskDefinition: web, desiredCount: 3 })
  ecs.seedService({ cluster: 'shop', name: 'worker', taskDefinition: 'shop-web:1', desiredCount: 1 })
}

/** The build job's binary of a release. */
const binaryOf = (version: string): string => `#!/bin/sh\necho shop-api ${version}\n`

/** What a caller passes to release.yml for `version`; v1.2.2 ships only the binary and ECS. */
function releaseInputs(world: World, version: string, full: boolean): Record<string, unknown> {
  const common = {
    environment: ENVIRONMENT,
    'aws-role-arn': `arn:aws:iam::${world.aws.accountId}:role/release-production`,
    'aws-region': 'us-east-1',
    version,
    'binary-artifact': `shop-api-${version}`,
    'binary-file': 'shop-api',
    // As the build job prints it (sha256sum): the stage completes the release only if it matches.
    'binary-sha256': createHash('sha256').update(binaryOf(version)).digest('hex'),
    'binary-bucket': BUCKET,
    'binary-prefix': PREFIX,
    'binary-targets': 'tag:Role=shop-api',
    'binary-service': 'shop-api',
    'binary-health-check': 'http://127.0.0.1:8080/health',
    'binary-max-concurrency': '50%',
    'ecs-cluster': 'shop',
    'ecs-services': 'api, worker',
    'ecs-image': `app=registry.example.com/shop/web:${version}`,
    'ecs-environment-variables': `app.RELEASE=${version}`,
  }
  if (!full) return common
  const sync = [
    `upload: dist/index.html to s3://shop-site/site/index.html`,
    `upload: dist/assets/app.${version}.js to s3://shop-site/site/assets/app.${version}.js`,
    `upload: dist/docs/release notes.html to s3://shop-site/site/docs/release notes.html`,
    `delete: s3://shop-site/site/assets/app.v1.2.2.js`,
  ]
  return {
    ...common,
    'packer-template': 'packer/api.pkr.hcl',
    'packer-variables': `endpoint=${world.aws.url}`,
    'ami-ssm-parameter': AMI_PARAMETER,
    'ami-tags': `Release=${version}`,
    'ami-keep': '3',
    'database-mode': 'backup',
    'database-s3-uri': `s3://shop-backups/releases/${version}/shop.dump`,
    'cdn-domain': 'www.shop.example.com',
    'cdn-sync-log': sync.join('\n'),
  }
}

function headCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()
  } catch {
    return '0'.repeat(40)
  }
}

/** Runs the whole rehearsal on a prepared world; `onEvent` sees every job and step as it goes. */
export async function rehearse(world: World, onEvent?: (event: RunEvent) => void): Promise<Rehearsal> {
  const runner = new WorkflowRunner({
    root: ROOT,
    workspace: world.workspace,
    artifacts: world.artifacts,
    env: world.aws.env(),
    github: {
      repository: 'acme/shop',
      event_name: 'push',
      ref: `refs/tags/${RELEASES.current}`,
      ref_name: RELEASES.current,
      sha: '0123456789abcdef0123456789abcdef01234567',
      run_id: '4242',
      run_attempt: '1',
      server_url: 'https://github.com',
      token: '',
    },
    workflowRepository: 'acme/infra-actions',
    workflowSha: headCommit(),
    onEvent,
  })
  const rehearsal: Rehearsal = { world, runs: [] }
  const run = async (
    title: string,
    workflow: string,
    inputs: Record<string, unknown>,
    secrets: Record<string, string> = {},
  ): Promise<WorkflowResult> => {
    const started = Date.now()
    const result = await runner.call(`.github/workflows/${workflow}`, inputs, secrets)
    rehearsal.runs.push({ title, workflow, result, durationMs: Date.now() - started })
    return result
  }
  const secrets = { 'database-source-url': sourceUrl(world.production, 'shop') }
  await run(`release ${RELEASES.previous}`, 'release.yml', releaseInputs(world, RELEASES.previous, false))
  await run(
    `release ${RELEASES.current}`,
    'release.yml',
    releaseInputs(world, RELEASES.current, true),
    secrets,
  )
  await run('rollback to the previous release', 'rollback.yml', {
    environment: ENVIRONMENT,
    'aws-role-arn': `arn:aws:iam::${world.aws.accountId}:role/release-production`,
    'aws-region': 'us-east-1',
    target: 'previous',
    'binary-bucket': BUCKET,
    'binary-prefix': PREFIX,
  })
  await run(
    "refresh staging's database from production",
    'db-migrate.yml',
    {
      environment: 'staging',
      'aws-role-arn': `arn:aws:iam::${world.aws.accountId}:role/release-staging`,
      'aws-region': 'us-east-1',
      mode: 'copy',
      strategy: 'swap',
      verify: 'checksums',
    },
    {
      'source-url': sourceUrl(world.production, 'shop'),
      'target-url': targetUrl(world.staging, 'shop'),
    },
  )
  return rehearsal
}
