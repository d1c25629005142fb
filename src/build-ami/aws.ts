import {
  CreateTagsCommand,
  DeleteKeyPairCommand,
  DeleteSecurityGroupCommand,
  DeregisterImageCommand,
  DescribeImageAttributeCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  EnableImageDeprecationCommand,
  paginateDescribeImages,
  paginateDescribeInstances,
  paginateDescribeLaunchTemplates,
  paginateDescribeLaunchTemplateVersions,
  TerminateInstancesCommand,
  type Filter,
  type Image,
  type LaunchPermission,
  type Instance,
  type LaunchTemplateVersion,
} from '@aws-sdk/client-ec2'
import {
  DeleteParameterCommand,
  GetParameterCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm'
import { chunks, type AwsCalls } from '../common/aws'
import { awsErrorCode } from '../common/errors'

/**
 * The EC2 and Parameter Store calls build-ami makes, each labelled with what it attempts; the
 * run's call layer (src/common/aws.ts) binds them to the run's AbortSignal and counts them. The
 * only module that loads the SDK: main.ts and post.ts import it dynamically. Cleanup calls
 * (`cleanup: true`) are sent without the run's signal, so they still go out after a cancellation.
 */

/** EC2's per-call limit on the values of one filter and on ids per request (DescribeImages `ImageIds`, CreateTags `Resources`). */
const IDS_PER_CALL = 200

export class Ec2 {
  private readonly client: EC2Client

  constructor(
    private readonly calls: AwsCalls,
    readonly region: string,
  ) {
    this.client = calls.client(EC2Client, region)
  }

  async imagesByIds(ids: string[]): Promise<Image[]> {
    const out: Image[] = []
    for (const batch of chunks(ids, IDS_PER_CALL)) {
      out.push(
        ...(await this.calls.all(
          `describe images ${batch.join(', ')} in ${this.region}`,
          (o) =>
            paginateDescribeImages({ client: this.client }, { ImageIds: batch, IncludeDeprecated: true }, o),
          (page) => page.Images,
        )),
      )
    }
    return out
  }

  /**
   * Who besides this account may launch an image: its launch permissions (accounts, organizations
   * and organizational units it is shared with; `Group: all` when it is public), from
   * DescribeImageAttribute `launchPermission`.
   */
  async launchPermissions(imageId: string): Promise<LaunchPermission[]> {
    const out = await this.calls.send(`read the launch permissions of ${imageId} in ${this.region}`, (o) =>
      this.client.send(
        new DescribeImageAttributeCommand({ ImageId: imageId, Attribute: 'launchPermission' }),
        o,
      ),
    )
    return out.LaunchPermissions ?? []
  }

  /** Your own images whose name starts with `prefix`, deprecated ones included. */
  async ownImagesNamed(prefix: string): Promise<Image[]> {
    return this.calls.all(
      `list your images named ${prefix}* in ${this.region}`,
      (o) =>
        paginateDescribeImages(
          { client: this.client },
          {
            Owners: ['self'],
            IncludeDeprecated: true,
            Filters: [{ Name: 'name', Values: [`${escapeFilter(prefix)}*`] }],
          },
          o,
        ),
      (page) => page.Images,
    )
  }

  async createTags(ids: string[], tags: Array<[string, string]>): Promise<void> {
    for (const batch of chunks(ids, IDS_PER_CALL)) {
      await this.calls.send(`tag ${batch.join(', ')} in ${this.region}`, (o) =>
        this.client.send(
          new CreateTagsCommand({ Resources: batch, Tags: tags.map(([Key, Value]) => ({ Key, Value })) }),
          o,
        ),
      )
    }
  }

  /**
   * Every image a launch template version names, with the template and version: an AMI id, or a
   * `resolve:ssm:<parameter>` alias as written (resolved by the caller through Parameter Store:
   * EC2's ResolveAlias resolves one version per request, and a parameter that cannot be
   * resolved must not fail the listing of every template).
   */
  async launchTemplateImages(): Promise<Map<string, string>> {
    const templates = await this.calls.all(
      `list launch templates in ${this.region}`,
      (o) => paginateDescribeLaunchTemplates({ client: this.client }, {}, o),
      (page) => page.LaunchTemplates,
    )
    const out = new Map<string, string>()
    for (const template of templates) {
      const versions: LaunchTemplateVersion[] = await this.calls.all(
        `list the versions of launch template ${template.LaunchTemplateName} in ${this.region}`,
        (o) =>
          paginateDescribeLaunchTemplateVersions(
            { client: this.client },
            { LaunchTemplateId: template.LaunchTemplateId },
            o,
          ),
        (page) => page.LaunchTemplateVersions,
      )
      for (const v of versions) {
        const image = v.LaunchTemplateData?.ImageId
        if (image && !out.has(image))
          out.set(image, `used by launch template ${v.LaunchTemplateName} version ${v.VersionNumber}`)
      }
    }
    return out
  }

  /** Deregisters an image and its snapshots; returns the snapshots and whether each was deleted. */
  async deregisterImage(id: string): Promise<Array<{ snapshotId: string; deleted: boolean; note?: string }>> {
    const out = await this.calls.send(`deregister image ${id} in ${this.region}`, (o) =>
      this.client.send(new DeregisterImageCommand({ ImageId: id, DeleteAssociatedSnapshots: true }), o),
    )
    return (out.DeleteSnapshotResults ?? []).map((r) => ({
      snapshotId: r.SnapshotId ?? '',
      deleted: r.ReturnCode === 'success',
      note: r.ReturnCode === 'success' ? undefined : r.ReturnCode,
    }))
  }

  async deprecateImage(id: string, at: Date): Promise<void> {
    await this.calls.send(`set the deprecation time of image ${id} in ${this.region}`, (o) =>
      this.client.send(new EnableImageDeprecationCommand({ ImageId: id, DeprecateAt: at }), o),
    )
  }

  /** Instances carrying a tag, in any state (terminated ones show which groups and key pairs they left). */
  async instancesTagged(key: string, value: string): Promise<Instance[]> {
    return this.calls.all(
      `find instances tagged ${key}=${value} in ${this.region}`,
      (o) =>
        paginateDescribeInstances(
          { client: this.client },
          { Filters: [{ Name: `tag:${key}`, Values: [value] }], MaxResults: 1000 },
          o,
        ),
      (page) => page.Reservations?.flatMap((r) => r.Instances ?? []),
      null,
    )
  }

  async instances(ids: string[]): Promise<Instance[]> {
    return this.calls.all(
      `describe instances ${ids.join(', ')} in ${this.region}`,
      (o) =>
        paginateDescribeInstances(
          { client: this.client },
          { Filters: [{ Name: 'instance-id', Values: ids }], MaxResults: 1000 },
          o,
        ),
      (page) => page.Reservations?.flatMap((r) => r.Instances ?? []),
      null,
    )
  }

  async terminateInstances(ids: string[]): Promise<void> {
    await this.calls.send(
      `terminate instances ${ids.join(', ')} in ${this.region}`,
      (o) => this.client.send(new TerminateInstancesCommand({ InstanceIds: ids }), o),
      null,
    )
  }

  /** Security groups by id that still exist, with their names. */
  async securityGroups(ids: string[]): Promise<Array<{ id: string; name: string }>> {
    const filters: Filter[] = [{ Name: 'group-id', Values: ids }]
    const out = await this.calls.send(
      `describe security groups ${ids.join(', ')} in ${this.region}`,
      (o) => this.client.send(new DescribeSecurityGroupsCommand({ Filters: filters }), o),
      null,
    )
    return (out.SecurityGroups ?? []).map((g) => ({ id: g.GroupId ?? '', name: g.GroupName ?? '' }))
  }

  /** Security groups by name that still exist, with their ids. */
  async securityGroupsNamed(names: string[]): Promise<Array<{ id: string; name: string }>> {
    const filters: Filter[] = [{ Name: 'group-name', Values: names.map(escapeFilter) }]
    const out = await this.calls.send(
      `describe security groups ${names.join(', ')} in ${this.region}`,
      (o) => this.client.send(new DescribeSecurityGroupsCommand({ Filters: filters }), o),
      null,
    )
    return (out.SecurityGroups ?? []).map((g) => ({ id: g.GroupId ?? '', name: g.GroupName ?? '' }))
  }

  async deleteSecurityGroup(id: string): Promise<void> {
    await this.calls.send(
      `delete security group ${id} in ${this.region}`,
      (o) => this.client.send(new DeleteSecurityGroupCommand({ GroupId: id }), o),
      null,
    )
  }

  /** Key pairs by name that still exist. */
  async keyPairs(names: string[]): Promise<string[]> {
    const out = await this.calls.send(
      `describe key pairs ${names.join(', ')} in ${this.region}`,
      (o) =>
        this.client.send(new DescribeKeyPairsCommand({ Filters: [{ Name: 'key-name', Values: names }] }), o),
      null,
    )
    return (out.KeyPairs ?? []).map((k) => k.KeyName ?? '')
  }

  async deleteKeyPair(name: string): Promise<void> {
    await this.calls.send(
      `delete key pair ${name} in ${this.region}`,
      (o) => this.client.send(new DeleteKeyPairCommand({ KeyName: name }), o),
      null,
    )
  }
}

/** EC2 filter values treat `*` and `?` as wildcards; a literal one is escaped with a backslash. */
function escapeFilter(value: string): string {
  return value.replace(/[\\*?]/g, '\\$&')
}

export interface ParameterValue {
  value: string
  version: number
  dataType?: string
}

export class Ssm {
  private readonly client: SSMClient

  constructor(
    private readonly calls: AwsCalls,
    readonly region: string,
  ) {
    this.client = calls.client(SSMClient, region)
  }

  /**
   * The parameter's value now, or undefined when it does not exist. `uncancelled`: read even
   * after the run was cancelled (a put-back is read back like a write).
   */
  async get(name: string, uncancelled = false): Promise<ParameterValue | undefined> {
    try {
      const out = await this.calls.send(
        `read parameter ${name} in ${this.region}`,
        (o) => this.client.send(new GetParameterCommand({ Name: name }), o),
        uncancelled ? null : undefined,
      )
      const p = out.Parameter
      return { value: p?.Value ?? '', version: p?.Version ?? 0, dataType: p?.DataType }
    } catch (error) {
      // A `name:version` whose version does not exist answers ParameterVersionNotFound (the
      // SSM model's GetParameter errors); such a reference, like a missing name, holds no value.
      const code = awsErrorCode((error as Error).cause)
      if (code === 'ParameterNotFound' || code === 'ParameterVersionNotFound') return undefined
      throw error
    }
  }

  /**
   * Writes an AMI id (data type `aws:ec2:image`, which Parameter Store validates afterwards);
   * returns the version it gets. Not cancelled mid-way, so that whether it was written is known:
   * a cancellation takes effect once it is answered.
   */
  async putImageId(name: string, id: string): Promise<number> {
    const out = await this.calls.send(
      `write parameter ${name} in ${this.region}`,
      (o) =>
        this.client.send(
          new PutParameterCommand({
            Name: name,
            Value: id,
            Type: 'String',
            DataType: 'aws:ec2:image',
            Overwrite: true,
            Description: 'AMI id published by infra-actions build-ami',
          }),
          o,
        ),
      null,
    )
    return out.Version ?? 0
  }

  /** Deletes a parameter (a put-back of one this run created); one already gone is no error. */
  async delete(name: string): Promise<void> {
    try {
      await this.calls.send(
        `delete parameter ${name} in ${this.region}`,
        (o) => this.client.send(new DeleteParameterCommand({ Name: name }), o),
        null,
      )
    } catch (error) {
      if (awsErrorCode((error as Error).cause) !== 'ParameterNotFound') throw error
    }
  }
}

export function connect(calls: AwsCalls, region: string): { ec2: Ec2; ssm: Ssm } {
  return { ec2: new Ec2(calls, region), ssm: new Ssm(calls, region) }
}
