import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CloudFrontClient, GetInvalidationCommand } from '@aws-sdk/client-cloudfront'
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2'
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs'
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm'
import type { Cluster } from '../tools/harness/postgres'
import {
  AMI_PARAMETER,
  BUCKET,
  DISTRIBUTION,
  PREFIX,
  prepareWorld,
  RELEASES,
  rehearse,
  type Rehearsal,
  type World,
} from '../scripts/rehearsal'

/**
 * `npm start` as a test: the release chain from the real workflow files, its final state checked
 * by other means than the actions' own verification (the stand-in's stored objects, the AWS SDK
 * asking the stand-in directly, and SQL against both databases). After release v1.2.3: the pointer
 * names it, the services run its revision, the invalidation completed, the AMI parameter names an
 * image that exists, the backup is in S3. After the rollback: pointer and services are back on
 * v1.2.2. After the refresh: staging's database has production's rows.
 */

let world: World
let rehearsal: Rehearsal

const clientConfig = (): {
  endpoint: string
  region: string
  credentials: { accessKeyId: string; secretAccessKey: string }
} => ({
  endpoint: world.aws.url,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
})

const pointer = (): string =>
  world.aws.service('s3').getObject(BUCKET, `${PREFIX}/latest.txt`)?.body.toString('utf8').trim() ?? ''

async function services(): Promise<Record<string, string>> {
  const out = await new ECSClient(clientConfig()).send(
    new DescribeServicesCommand({ cluster: 'shop', services: ['api', 'worker'] }),
  )
  return Object.fromEntries(
    (out.services ?? []).map((s) => [s.serviceName!, s.taskDefinition!.replace(/^.*\//, '')]),
  )
}

beforeAll(async () => {
  world = await prepareWorld()
  rehearsal = await rehearse(world)
}, 900_000)

afterAll(async () => {
  await world?.close()
})

it('runs every workflow of the rehearsal to success', () => {
  expect(rehearsal.runs.map((r) => [r.title, r.result.result])).toEqual([
    [`release ${RELEASES.previous}`, 'success'],
    [`release ${RELEASES.current}`, 'success'],
    ['rollback to the previous release', 'success'],
    ["refresh staging's database from production", 'success'],
  ])
})

it('skips the stages a release has no inputs for, cleanly', () => {
  const first = rehearsal.runs[0].result.jobs
  expect(first.ami.result).toBe('skipped')
  expect(first.database.result).toBe('skipped')
  expect(first.cdn.result).toBe('skipped')
  expect(first.binary.result).toBe('success')
  expect(first.record.result).toBe('success')
})

it('left release v1.2.3 deployed by every stage, as its record and the stand-in say', async () => {
  const release = rehearsal.runs[1].result
  // The binary: its object holds exactly the artifact's bytes, with their SHA-256.
  const artifact = readFileSync(join(world.artifacts, `shop-api-${RELEASES.current}`, 'shop-api'))
  const object = world.aws.service('s3').getObject(BUCKET, `${PREFIX}/${RELEASES.current}/shop-api`)!
  expect(object.body.equals(artifact)).toBe(true)
  expect(release.outputs.sha256).toBe(createHash('sha256').update(artifact).digest('hex'))
  expect(release.outputs['previous-version']).toBe(RELEASES.previous)
  // The record, read from the stand-in's store.
  const record = JSON.parse(
    world.aws
      .service('s3')
      .getObject(BUCKET, `${PREFIX}/${RELEASES.current}/release-production.json`)!
      .body.toString('utf8'),
  ) as {
    previousVersion: string
    stages: { ecs: { services: Array<{ service: string; taskDefinitionArn: string }> } }
  }
  expect(record.previousVersion).toBe(RELEASES.previous)
  expect(
    record.stages.ecs.services.map((s) => [s.service, s.taskDefinitionArn.replace(/^.*\//, '')]),
  ).toEqual([
    ['api', 'shop-web:3'],
    ['worker', 'shop-web:3'],
  ])
  // The AMI parameter names an image that EC2 has, built by this release.
  const parameter = await new SSMClient(clientConfig()).send(new GetParameterCommand({ Name: AMI_PARAMETER }))
  expect(parameter.Parameter?.Value).toBe(release.outputs['ami-id'])
  const images = await new EC2Client(clientConfig()).send(
    new DescribeImagesCommand({ ImageIds: [parameter.Parameter!.Value!] }),
  )
  expect(images.Images?.[0]?.Name).toMatch(/^shop-api-v1\.2\.3-/)
  expect(images.Images?.[0]?.State).toBe('available')
  // The invalidation completed.
  const ids = JSON.parse(release.outputs['invalidation-ids']) as Record<string, string[]>
  expect(Object.keys(ids)).toEqual([DISTRIBUTION])
  for (const id of ids[DISTRIBUTION]) {
    const out = await new CloudFrontClient(clientConfig()).send(
      new GetInvalidationCommand({ DistributionId: DISTRIBUTION, Id: id }),
    )
    expect(out.Invalidation?.Status).toBe('Completed')
  }
  // The backup is in S3.
  expect(
    world.aws.service('s3').getObject('shop-backups', `releases/${RELEASES.current}/shop.dump`)?.body.length,
  ).toBeGreaterThan(0)
})

it('rolled the pointer, the fleet and the services back to v1.2.2', async () => {
  expect(pointer()).toBe(RELEASES.previous)
  // Every instance's unit runs the v1.2.2 binary again: its sandbox's current/ holds those bytes.
  const artifact = readFileSync(join(world.artifacts, `shop-api-${RELEASES.previous}`, 'shop-api'))
  for (const id of world.instanceIds) {
    const installed = readFileSync(
      join(world.aws.service('ssm').sandboxOf(id), 'opt', 'shop-api', 'current', 'shop-api'),
    )
    expect({ id, same: installed.equals(artifact) }).toEqual({ id, same: true })
  }
  expect(await services()).toEqual({ api: 'shop-web:2', worker: 'shop-web:2' })
  expect(rehearsal.runs[2].result.outputs).toMatchObject({
    version: RELEASES.previous,
    'rolled-back-from': RELEASES.current,
  })
  expect(rehearsal.runs[2].result.jobs.cdn.result).toBe('success')
})

it("copied production's database to staging, row for row", async () => {
  const rows = async (cluster: Cluster): Promise<string[]> =>
    (
      await cluster.sql<{ relation: string; hash: string }>(
        'shop',
        `SELECT format('%I.%I', table_schema, table_name) AS relation,
                (xpath('/row/h/text()', query_to_xml(format('SELECT md5(coalesce(string_agg(t::text, %L ORDER BY t::text), %L)) AS h FROM %I.%I t', E'\\n', '', table_schema, table_name), false, true, '')))[1]::text AS hash
           FROM information_schema.tables
          WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
          ORDER BY 1`,
      )
    ).map((r) => `${r.relation} ${r.hash}`)
  const production = await rows(world.production)
  expect(production.length).toBeGreaterThan(0)
  expect(await rows(world.staging)).toEqual(production)
})
