import type { AwsLocal } from './server'

/**
 * What the suite's CI smoke job runs its actions against (`npm run aws-local -- --seed smoke`):
 * a release bucket, an ECS cluster with one service, and a CloudFront distribution.
 */
export function seedSmoke(aws: AwsLocal): void {
  aws.service('s3').createBucket('smoke-releases')
  const ecs = aws.service('ecs')
  ecs.seedCluster('smoke')
  ecs.seedService({
    cluster: 'smoke',
    name: 'api',
    desiredCount: 2,
    taskDefinition: {
      family: 'smoke-api',
      containerDefinitions: [{ name: 'app', image: 'registry.example.com/smoke/api:v1', essential: true }],
    },
  })
  aws.service('cloudfront').seedDistribution({ id: 'E1SMOKE', aliases: ['smoke.example.com'] })
}
