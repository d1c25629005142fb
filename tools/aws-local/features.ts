// The newer AWS APIs the suite relies on, each with the first botocore release whose models
// carry it, so that a test needing one fails with a sentence naming what to install instead of a
// confusing validation error. The releases come from botocore's per-release change notes
// (github.com/boto/boto3 `.changes/<version>.json`, which name the botocore change of the same
// version); each is present in the 1.43.11 models and absent from the 1.29.27 and 1.34.22 ones.
import { describeModelSource, loadModel, modelSource, type ModelSource, type ServiceModel } from './model'

export interface ModelFeature {
  service: string
  /** An operation (`ListServiceDeployments`), a shape (`CacheTagConfig`) or `Shape.member`. */
  name: string
  /** The first botocore release whose models have it. */
  since: string
  /** What it is, and when AWS released it. */
  what: string
}

export const MODEL_FEATURES: readonly ModelFeature[] = [
  {
    service: 'ecs',
    name: 'ListServiceDeployments',
    since: '1.35.52',
    what: 'ECS service deployments and revisions (2024-10-30)',
  },
  {
    service: 'ecs',
    name: 'DescribeServiceDeployments',
    since: '1.35.52',
    what: 'ECS service deployments and revisions (2024-10-30)',
  },
  {
    service: 'ecs',
    name: 'StopServiceDeployment',
    since: '1.38.1',
    what: 'rolling back an in-progress ECS service deployment (2025-04-23)',
  },
  {
    service: 'ecs',
    name: 'DeploymentConfiguration.strategy',
    since: '1.39.5',
    what: 'ECS deployment strategies, native blue/green (2025-07-15)',
  },
  {
    service: 'ecs',
    name: 'DeploymentStrategy',
    since: '1.39.5',
    what: 'ECS deployment strategies, native blue/green (2025-07-15)',
  },
  {
    service: 'ecs',
    name: 'ContinueServiceDeployment',
    since: '1.43.10',
    what: 'ECS pause lifecycle hooks and ContinueServiceDeployment (2026-05)',
  },
  {
    service: 's3',
    name: 'PutObjectRequest.IfNoneMatch',
    since: '1.35.2',
    what: 'S3 conditional writes with If-None-Match (2024-08-20)',
  },
  {
    service: 's3',
    name: 'CompleteMultipartUploadRequest.IfNoneMatch',
    since: '1.35.2',
    what: 'S3 conditional writes with If-None-Match (2024-08-20)',
  },
  {
    service: 's3',
    name: 'PutObjectRequest.IfMatch',
    since: '1.35.69',
    what: 'S3 conditional writes with If-Match (2024-11-25)',
  },
  {
    service: 's3',
    name: 'CompleteMultipartUploadRequest.IfMatch',
    since: '1.35.69',
    what: 'S3 conditional writes with If-Match (2024-11-25)',
  },
  {
    service: 's3',
    name: 'ChecksumType',
    since: '1.36.0',
    what: 'S3 full-object checksums and CRC64NVME (2025-01-15)',
  },
  {
    service: 's3',
    name: 'CreateMultipartUploadRequest.ChecksumType',
    since: '1.36.0',
    what: 'S3 full-object checksums and CRC64NVME (2025-01-15)',
  },
  {
    service: 's3',
    name: 'CompleteMultipartUploadRequest.ChecksumCRC64NVME',
    since: '1.36.0',
    what: 'S3 full-object checksums and CRC64NVME (2025-01-15)',
  },
  {
    service: 'cloudfront',
    name: 'CacheTagConfig',
    since: '1.43.0',
    what: 'CloudFront cache tags and tag invalidations (2026-04)',
  },
  {
    service: 'cloudfront',
    name: 'DistributionConfig.CacheTagConfig',
    since: '1.43.0',
    what: 'CloudFront cache tags and tag invalidations (2026-04)',
  },
]

/** Whether a model has an operation, a shape, or (`Shape.member`) a member of a shape. */
export function modelHas(model: ServiceModel, name: string): boolean {
  if (model.operations[name]) return true
  const dot = name.indexOf('.')
  if (dot < 0) return model.shapes[name] !== undefined
  return model.shapes[name.slice(0, dot)]?.members?.[name.slice(dot + 1)] !== undefined
}

/** Numeric comparison of dotted versions (`1.35.52` < `1.38.1`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

/** The first botocore release with all of these features, when the table knows each of them. */
export function botocoreNeededFor(service: string, names: string[]): string | undefined {
  const releases = names.map((n) => MODEL_FEATURES.find((f) => f.service === service && f.name === n)?.since)
  if (releases.some((r) => r === undefined)) return undefined
  return (releases as string[]).sort(compareVersions).at(-1)
}

const REMEDY = 'install a current botocore for python3, or set AWS_LOCAL_BOTOCORE_DATA'

function lacksMessage(service: string, missing: string[]): string {
  const { dir, version } = modelSource()
  const needed = botocoreNeededFor(service, missing)
  return (
    `aws-local: the ${service} model of botocore ${version} (${dir}) lacks ${missing.join(', ')}; ` +
    (needed
      ? `this test needs botocore ${needed} or later (${REMEDY})`
      : `this test needs a botocore release that has ${missing.length === 1 ? 'it' : 'them'} (${REMEDY})`)
  )
}

/**
 * For tests that need newer APIs: throws, naming what is missing and the botocore release that
 * has it, unless the service's model has every one of these operations.
 *
 *     requireModel('ecs', ['ListServiceDeployments', 'ContinueServiceDeployment'])
 */
export function requireModel(service: string, operations: string[]): void {
  const model = loadModel(service)
  const missing = operations.filter((op) => !model.operations[op])
  if (missing.length) throw new Error(lacksMessage(service, missing))
}

/**
 * The same for shapes and members (`Shape.member`):
 *
 *     requireModelShape('cloudfront', 'CacheTagConfig')
 *     requireModelShape('ecs', ['DeploymentConfiguration.strategy'])
 */
export function requireModelShape(service: string, names: string | string[]): void {
  const model = loadModel(service)
  const missing = (Array.isArray(names) ? names : [names]).filter((n) => !modelHas(model, n))
  if (missing.length) throw new Error(lacksMessage(service, missing))
}

/**
 * What the stand-in adds to its "unknown operation" answer: the models in use and, for an
 * operation the table knows, the botocore release that has it.
 */
export function missingOperationNote(
  service: string,
  operation: string,
  source: ModelSource = modelSource(),
): string {
  const needed = botocoreNeededFor(service, [operation])
  const models = `aws-local: the ${service} model of ${describeModelSource(source)} has no operation ${operation}`
  return needed
    ? `${models}; it needs botocore ${needed} or later (${REMEDY})`
    : `${models}; if it is newer than these models, ${REMEDY}`
}
