// The registry: each service's behaviour module and the protocol its model names.
import { AwsError } from '../errors'
import type { ServiceModel } from '../model'
import { Ec2QueryProtocol } from '../protocols/ec2-query'
import { JsonProtocol } from '../protocols/json'
import { QueryProtocol } from '../protocols/query'
import { RestXmlProtocol } from '../protocols/rest-xml'
import type { AwsService, Protocol, ServiceEnv } from '../types'
import { CloudFrontService } from './cloudfront'
import { Ec2Service } from './ec2'
import { EcsService } from './ecs'
import { Elbv2Service } from './elbv2'
import { S3Service } from './s3'
import { SsmService } from './ssm'

export interface ServiceMap {
  ssm: SsmService
  ecs: EcsService
  s3: S3Service
  cloudfront: CloudFrontService
  ec2: Ec2Service
  elbv2: Elbv2Service
}

export type ServiceName = keyof ServiceMap

interface ServiceFactory {
  create(env: ServiceEnv): AwsService
  protocol(model: ServiceModel): Protocol
  /**
   * One state for every region (S3's bucket names and CloudFront's distributions are global);
   * otherwise each region keeps its own state, as AWS does.
   */
  global?: boolean
}

export const SERVICE_FACTORIES: Record<ServiceName, ServiceFactory> = {
  ssm: {
    create: (env) => new SsmService(env),
    protocol: (model) => new JsonProtocol(model, { validationCode: 'ValidationException' }),
  },
  ecs: {
    create: (env) => new EcsService(env),
    // ECS answers constraint violations with its own InvalidParameterException.
    protocol: (model) => new JsonProtocol(model, { validationCode: 'InvalidParameterException' }),
  },
  s3: {
    // Bucket names are global; each bucket remembers the region it was created in.
    global: true,
    create: (env) => new S3Service(env),
    protocol: (model) =>
      new RestXmlProtocol(model, {
        errorStyle: 's3',
        xmlNamespace: 'http://s3.amazonaws.com/doc/2006-03-01/',
        outputRoots: {
          ListObjectsV2: 'ListBucketResult',
          ListObjects: 'ListBucketResult',
          ListBuckets: 'ListAllMyBucketsResult',
          CreateMultipartUpload: 'InitiateMultipartUploadResult',
          CompleteMultipartUpload: 'CompleteMultipartUploadResult',
          ListParts: 'ListPartsResult',
        },
        throttling: () => new AwsError('SlowDown', 'Please reduce your request rate.', 503),
      }),
  },
  cloudfront: {
    global: true,
    create: (env) => new CloudFrontService(env),
    protocol: (model) =>
      new RestXmlProtocol(model, {
        errorStyle: 'cloudfront',
        xmlNamespace: `http://cloudfront.amazonaws.com/doc/${model.metadata.apiVersion}/`,
        throttling: () => new AwsError('Throttling', 'Rate exceeded', 400),
      }),
  },
  ec2: {
    create: (env) => new Ec2Service(env),
    protocol: (model) => new Ec2QueryProtocol(model),
  },
  elbv2: {
    create: (env) => new Elbv2Service(env),
    protocol: (model) => new QueryProtocol(model),
  },
}
