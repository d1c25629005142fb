import type { Service, Task } from '@aws-sdk/client-ecs'
import type {
  ElasticLoadBalancingV2Client,
  TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2'
import type { AwsCalls } from '../common/aws'
import type { Logger } from '../common/log'
import {
  assessTargets,
  targetGroupName,
  targetGroupsOf,
  taskTargets,
  type TargetGroupObservation,
  type TargetsAssessment,
} from './target-health'

type ElbSdk = typeof import('@aws-sdk/client-elastic-load-balancing-v2')

/**
 * The Elastic Load Balancing calls of ecs-deploy (DescribeTargetHealth), through the run's call
 * layer. The SDK client is imported only when a service behind target groups is waited for with
 * `wait-for: healthy`, so runs without one never load it.
 */
export class Elb {
  private constructor(
    private readonly calls: AwsCalls,
    readonly region: string,
    private readonly sdk: ElbSdk,
    private readonly client: ElasticLoadBalancingV2Client,
  ) {}

  static async connect(calls: AwsCalls, region: string): Promise<Elb> {
    const sdk = await import('@aws-sdk/client-elastic-load-balancing-v2')
    return new Elb(calls, region, sdk, calls.client(sdk.ElasticLoadBalancingV2Client, region))
  }

  /** The health of the given targets of a target group (all of its targets when none are given). */
  async describeTargetHealth(
    targetGroupArn: string,
    targets: Array<{ Id: string; Port: number }>,
  ): Promise<TargetHealthDescription[]> {
    const out = await this.calls.send(
      `describe target health of target group ${targetGroupName(targetGroupArn)} in ${this.region}`,
      (o) =>
        this.client.send(
          new this.sdk.DescribeTargetHealthCommand({
            TargetGroupArn: targetGroupArn,
            Targets: targets.length > 0 ? targets : undefined,
          }),
          o,
        ),
    )
    return out.TargetHealthDescriptions ?? []
  }
}

/**
 * Follows the target health of the new tasks of services behind target groups, one client per
 * wait, created on first use; logs each target group's count once per change.
 */
export class TargetHealthWatcher {
  private elb: Promise<Elb> | undefined
  private readonly logged = new Map<string, string>()

  constructor(
    private readonly calls: AwsCalls,
    private readonly region: string,
    private readonly logger: Logger,
    private readonly label: string,
  ) {}

  async observe(name: string, service: Service, tasks: Task[]): Promise<TargetsAssessment> {
    this.elb ??= Elb.connect(this.calls, this.region)
    const elb = await this.elb
    const observations: TargetGroupObservation[] = await Promise.all(
      targetGroupsOf(service).map(async (use) => {
        const targets = taskTargets(tasks, use)
        const descriptions =
          targets.length > 0
            ? await elb.describeTargetHealth(
                use.targetGroupArn,
                targets.map((t) => ({ Id: t.id, Port: t.port })),
              )
            : []
        return { targetGroupArn: use.targetGroupArn, targets, descriptions }
      }),
    )
    const assessment = assessTargets(observations)
    observations.forEach((o, i) => {
      const key = `${name} ${o.targetGroupArn}`
      const text = assessment.counts[i]
      if (this.logged.get(key) !== text) this.logger.info(`${this.label} ${name}: ${text}`)
      this.logged.set(key, text)
    })
    return assessment
  }
}
