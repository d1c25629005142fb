import * as core from '@actions/core'
import type { Logger } from '../common/log'
import { formatDuration } from '../common/log'
import { SummaryBuilder, type Cell, type Timeline } from '../common/summary'
import { sweepSentence } from './cleanup'
import { Input, Output } from './constants'
import type { Annotation } from './machine'
import type { Context, RetirementResult } from './steps'

/** Reporting: the outputs, annotations, and the job summary. */

export function setOutputs(ctx: Context): void {
  const region = ctx.inputs.aws.region
  const amiId = ctx.amis[region] ?? Object.values(ctx.amis)[0] ?? ''
  core.setOutput(Output.amiId, amiId)
  core.setOutput(Output.amiIds, JSON.stringify(ctx.amis))
  core.setOutput(Output.previousAmiId, ctx.previous?.value ?? '')
  core.setOutput(Output.retired, JSON.stringify(retiredList(ctx.retirements)))
}

/** What `retired` lists: every image deregistered, deprecated or skipped (kept against its age), with why. */
export function retiredList(retirements: RetirementResult[]): Array<Record<string, unknown>> {
  return retirements
    .filter((r) => r.outcome !== 'kept' && r.outcome !== 'planned')
    .map((r) => ({
      region: r.region,
      imageId: r.imageId,
      name: r.name,
      action: r.outcome,
      reason: r.error ?? r.reason,
      snapshots: r.outcome === 'deregistered' ? (r.deletedSnapshots ?? []) : r.snapshots,
      ...(r.deprecateAt ? { deprecateAt: r.deprecateAt } : {}),
    }))
}

/** Validation errors as annotations on the template's file and line. */
export function annotate(annotations: Annotation[]): void {
  for (const a of annotations) {
    core.error(a.message, {
      title: 'packer validate',
      file: a.file,
      startLine: a.line,
      startColumn: a.column,
    })
  }
}

const OUTCOME_TEXT: Record<RetirementResult['outcome'], string> = {
  kept: '✅ kept',
  deregistered: '🗑️ deregistered',
  deprecated: '⏳ deprecated',
  skipped: '🛡️ kept',
  failed: '❌ failed',
  planned: '📝 planned',
}

export async function writeSummary(
  ctx: Context,
  timeline: Timeline,
  headline: string,
  logger: Logger,
): Promise<void> {
  const { inputs } = ctx
  const summary = new SummaryBuilder().heading(`Build AMI: ${inputs.template}`).paragraph(headline)
  summary.facts([
    [
      'Packer',
      ctx.packerVersion
        ? `${ctx.packerVersion}${ctx.setup?.source.kind === 'install' ? ' (installed)' : ''}`
        : undefined,
    ],
    ['Packer time', ctx.packerMs > 0 ? formatDuration(ctx.packerMs) : undefined],
    ['Plugin cache', ctx.cache ? `${ctx.cache.status} (${ctx.cache.key})` : undefined],
    ['Builder cleanup', ctx.sweep ? (sweepSentence(ctx.sweep) ?? 'nothing left behind') : undefined],
  ])
  const regions = Object.keys(ctx.amis).sort()
  if (regions.length > 0) {
    summary.heading('Images', 3)
    summary.table(
      ['Region', 'AMI', 'Name', 'Snapshots'],
      regions.map((region) => {
        const image = ctx.images.get(region)
        return [
          region,
          `[${ctx.amis[region]}](${imageUrl(region, ctx.amis[region])})`,
          image?.Name,
          (image?.BlockDeviceMappings ?? [])
            .map((m) => m.Ebs?.SnapshotId)
            .filter(Boolean)
            .join(', '),
        ]
      }),
    )
  }
  if (ctx.publications.length > 0) {
    summary.heading(`Parameter ${inputs.ssmParameter}`, 3)
    summary.table(
      ['Region', 'Before', 'After', 'Version', 'Verified'],
      ctx.publications.map((p) => [
        p.region,
        p.previous ?? '(absent)',
        p.next,
        p.version,
        p.reverted
          ? `↩️ put back to ${p.previous ?? '(absent)'}`
          : p.revertUnconfirmed
            ? `⚠️ written back to ${p.previous ?? '(absent)'}, not seen to land`
            : p.verified
              ? '✅'
              : `❌ ${p.error ?? ''}`,
      ]),
    )
  }
  if (ctx.retirements.length > 0) {
    summary.heading('Retirement', 3)
    summary.table(
      ['Region', 'Image', 'Name', 'Result', 'Why'],
      ctx.retirements.map((r): Cell[] => [
        r.region,
        r.imageId,
        r.name,
        OUTCOME_TEXT[r.outcome],
        r.error ?? r.reason,
      ]),
    )
  }
  summary.timeline(timeline)
  summary.awsCalls(ctx.calls.callCounts())
  summary.inputs(
    {
      [Input.template]: inputs.template,
      [Input.workingDirectory]: inputs.workingDirectory,
      [Input.variables]: inputs.variables
        .filter(([k]) => !inputs.sensitiveNames.includes(k))
        .map(([k, v]) => `${k}=${inputs.info.sensitive.includes(k) ? '***' : v}`)
        .join('\n'),
      [Input.sensitiveVariables]: inputs.sensitiveNames.map((k) => `${k}=***`).join('\n'),
      [Input.only]: inputs.only.join(', '),
      [Input.except]: inputs.except.join(', '),
      [Input.packerVersion]: inputs.packerVersion,
      [Input.ssmParameter]: inputs.ssmParameter,
      [Input.tags]: inputs.tags.map(([k, v]) => `${k}=${v}`).join('\n'),
      [Input.keep]: inputs.retention?.keep,
      [Input.namePrefix]: inputs.retention?.namePrefix,
      [Input.deprecateAfter]:
        inputs.retention?.deprecateAfterMs !== undefined
          ? formatDuration(inputs.retention.deprecateAfterMs)
          : undefined,
      [Input.githubToken]: inputs.githubToken ? 'set' : undefined,
      [Input.amiWaitTimeout]: formatDuration(inputs.amiWaitTimeoutMs),
      [Input.region]: inputs.aws.region,
      [Input.dryRun]: inputs.dryRun,
    },
    [Input.githubToken],
  )
  await summary.write(logger)
}

/** The EC2 console page of an image (its fragment comes after the query, which consoleUrl would not do). */
function imageUrl(region: string, id: string): string {
  const host = region.startsWith('cn-') ? 'console.amazonaws.cn' : 'console.aws.amazon.com'
  return `https://${region}.${host}/ec2/home?region=${region}#ImageDetails:imageId=${id}`
}

/** The one line above the tables. */
export function headline(ctx: Context, failure: string | undefined): string {
  if (failure) return `❌ ${failure}`
  if (ctx.inputs.dryRun) return '📝 Dry run: the template is valid; nothing was built, published or retired.'
  const regions = Object.keys(ctx.amis).sort()
  const parts = [
    regions.length > 0
      ? `✅ Built ${regions.map((r) => `${ctx.amis[r]} (${r})`).join(', ')}`
      : '✅ Built (no AMI among the artifacts)',
  ]
  if (ctx.publications.length > 0) parts.push(`published to ${ctx.inputs.ssmParameter}`)
  const retired = ctx.retirements.filter((r) => r.outcome === 'deregistered' || r.outcome === 'deprecated')
  if (ctx.inputs.retention)
    parts.push(`${retired.length} old image${retired.length === 1 ? '' : 's'} retired`)
  return parts.join(' · ')
}
