import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

/**
 * Debian's packer binary, installed by scripts/setup.sh. Tests that need it fail (never skip)
 * when it is missing, with the command that installs it.
 */
export function packerBinary(): string {
  const found = spawnSync('packer', ['version'], { encoding: 'utf8' })
  if (found.status !== 0) {
    throw new Error("Packer is not installed; run npm run setup (it installs Debian's packer package).")
  }
  return 'packer'
}

/** A template that needs no cloud: the null builder and a local shell provisioner. */
export function nullTemplate(inline: string[]): string {
  return JSON.stringify(
    {
      builders: [{ type: 'null', communicator: 'none' }],
      provisioners: [{ type: 'shell-local', inline }],
    },
    null,
    2,
  )
}

/** What a stand-in amazon-ebs template builds (see `amazonEbsTemplate`). */
export interface AmazonEbsTemplateOptions {
  /** The build region (default `us-east-1`). */
  region?: string
  /** The source AMI by id, or else the newest of your own AMIs whose name matches `sourceAmiName` (default `base-*`). */
  sourceAmi?: string
  sourceAmiName?: string
  /** Default `app-{{timestamp}}`. */
  amiName?: string
  /** Regions the AMI is copied to (`ami_regions`). */
  amiRegions?: string[]
  /** Tags of the builder instance (`run_tags`). */
  runTags?: Record<string, string>
  /** Tags of the AMI and its snapshots in every region (`tags`). */
  tags?: Record<string, string>
  instanceType?: string
  /** Commands of a `shell-local` provisioner, run on this machine (there is no SSH with `communicator: none`). */
  shellLocal?: string[]
  /** Seconds between Packer's polls of the instance and image states (default 1; Packer's own default is 15). */
  pollDelaySeconds?: number
}

/**
 * A Packer (1.6.6) amazon-ebs template that runs against the local AWS stand-in: no SSH
 * (`communicator: none`), the EC2 endpoint from the `endpoint` variable (`custom_endpoint_ec2`; the
 * builder ignores `AWS_ENDPOINT_URL`), dummy credentials and no checks that would reach AWS
 * (credential validation, the metadata API, the region list).
 */
export function amazonEbsTemplate(options: AmazonEbsTemplateOptions = {}): string {
  const builder: Record<string, unknown> = {
    type: 'amazon-ebs',
    communicator: 'none',
    region: options.region ?? 'us-east-1',
    access_key: 'test',
    secret_key: 'test',
    custom_endpoint_ec2: '{{user `endpoint`}}',
    skip_credential_validation: true,
    skip_metadata_api_check: true,
    skip_region_validation: true,
    instance_type: options.instanceType ?? 't3.micro',
    ami_name: options.amiName ?? 'app-{{timestamp}}',
    aws_polling: { delay_seconds: options.pollDelaySeconds ?? 1, max_attempts: 60 },
  }
  if (options.sourceAmi) builder.source_ami = options.sourceAmi
  else
    builder.source_ami_filter = {
      filters: { name: options.sourceAmiName ?? 'base-*' },
      owners: ['self'],
      most_recent: true,
    }
  if (options.amiRegions) builder.ami_regions = options.amiRegions
  if (options.runTags) builder.run_tags = options.runTags
  if (options.tags) builder.tags = options.tags
  const template: Record<string, unknown> = { variables: { endpoint: '' }, builders: [builder] }
  if (options.shellLocal) template.provisioners = [{ type: 'shell-local', inline: options.shellLocal }]
  return JSON.stringify(template, null, 2)
}

export interface PackerBuildOptions {
  /** The EC2 endpoint, e.g. the stand-in's `aws.url`. */
  endpoint: string
  /** Packer and its plugins are killed after this long (default 120 s). */
  timeoutMs?: number
  onLine?: (line: string) => void
}

export interface PackerBuild {
  /** Machine-readable stdout lines so far. */
  lines: string[]
  /** Settles once Packer has exited (with its plugin processes when they were killed). */
  done: Promise<{ exitCode: number | null; signal: NodeJS.Signals | null; timedOut: boolean }>
  /** Sends a signal to Packer and its plugin processes (its process group), as a runner killing a job does. */
  kill(signal?: NodeJS.Signals): void
}

/**
 * Runs `packer build -machine-readable` on a template in a temporary directory (removed when it
 * ends), in its own process group, with only the environment it needs. `CHECKPOINT_DISABLE`
 * keeps Packer from calling HashiCorp's version check.
 */
export function startPackerBuild(template: string, options: PackerBuildOptions): PackerBuild {
  const dir = mkdtempSync(join(tmpdir(), 'packer-ebs-'))
  writeFileSync(join(dir, 'template.json'), template)
  const child = spawn(
    packerBinary(),
    ['build', '-machine-readable', '-color=false', '-var', `endpoint=${options.endpoint}`, 'template.json'],
    {
      cwd: dir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: dir,
        TMPDIR: dir,
        CHECKPOINT_DISABLE: '1',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      },
    },
  )
  const lines: string[] = []
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line)
    options.onLine?.(line)
  })
  child.stderr!.resume()
  const kill = (signal: NodeJS.Signals = 'SIGKILL') => {
    try {
      process.kill(-child.pid!, signal)
    } catch {
      // Already gone.
    }
  }
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    kill('SIGKILL')
  }, options.timeoutMs ?? 120_000)
  const done = new Promise<{ exitCode: number | null; signal: NodeJS.Signals | null; timedOut: boolean }>(
    (resolve) => {
      child.on('close', (exitCode, signal) => {
        clearTimeout(timer)
        // Plugin processes left by a killed Packer go with it.
        kill('SIGKILL')
        rmSync(dir, { recursive: true, force: true })
        resolve({ exitCode, signal, timedOut })
      })
    },
  )
  return { lines, done, kill }
}

/** The AMI ids of a build's artifact, by region, from its machine-readable lines. */
export function artifactAmis(lines: string[]): Record<string, string> {
  const id = lines.map((l) => l.split(',')).find((f) => f[2] === 'artifact' && f[4] === 'id')?.[5]
  if (!id) return {}
  return Object.fromEntries(
    id
      .replace(/%!\(PACKER_COMMA\)/g, ',')
      .split(',')
      .map((pair) => pair.split(':') as [string, string]),
  )
}

/** What a stand-in amazon-ebs HCL2 template builds (see `amazonEbsHclTemplate`). */
export interface AmazonEbsHclOptions extends AmazonEbsTemplateOptions {
  /** Wire the run tag in: `run_tags = { "infra-actions:run" = var.infra_actions_run }` (default true). */
  runTag?: boolean
  /** Extra variables the template declares: name -> `{ sensitive?, default? }`. */
  variables?: Record<string, { sensitive?: boolean; default?: string }>
  /** The source block's name (default `app`): the build is `amazon-ebs.<name>`. */
  sourceName?: string
  /** HCL put inside the build block after the sources (provisioners, post-processors). */
  buildBody?: string
}

/**
 * The HCL2 form of `amazonEbsTemplate`, as a build-ami user writes it: the builder instance
 * carries the run's tag through `var.infra_actions_run`, which build-ami sets, and the EC2
 * endpoint comes from `var.endpoint`. The same stand-in settings (no SSH, dummy credentials, no
 * checks that reach AWS, 1 s polls).
 */
export function amazonEbsHclTemplate(options: AmazonEbsHclOptions = {}): string {
  const q = (value: string): string => JSON.stringify(value)
  const map = (values: Record<string, string>): string =>
    `{\n${Object.entries(values)
      .map(([k, v]) => `    ${q(k)} = ${v}`)
      .join('\n')}\n  }`
  const runTags: Record<string, string> = Object.fromEntries(
    Object.entries(options.runTags ?? {}).map(([k, v]) => [k, q(v)]),
  )
  if (options.runTag !== false) runTags['infra-actions:run'] = 'var.infra_actions_run'
  const lines: string[] = []
  lines.push('variable "endpoint" {\n  type = string\n}')
  lines.push('variable "infra_actions_run" {\n  type    = string\n  default = ""\n}')
  for (const [name, spec] of Object.entries(options.variables ?? {})) {
    const body = [`  type = string`]
    if (spec.sensitive) body.push('  sensitive = true')
    if (spec.default !== undefined) body.push(`  default = ${q(spec.default)}`)
    lines.push(`variable ${q(name)} {\n${body.join('\n')}\n}`)
  }
  const source: string[] = [
    `  communicator                = "none"`,
    `  region                      = ${q(options.region ?? 'us-east-1')}`,
    `  access_key                  = "test"`,
    `  secret_key                  = "test"`,
    `  custom_endpoint_ec2         = var.endpoint`,
    `  skip_credential_validation  = true`,
    `  skip_metadata_api_check     = true`,
    `  skip_region_validation      = true`,
    `  instance_type               = ${q(options.instanceType ?? 't3.micro')}`,
    `  ami_name                    = ${q(options.amiName ?? 'app-{{timestamp}}')}`,
  ]
  if (options.sourceAmi) source.push(`  source_ami = ${q(options.sourceAmi)}`)
  else
    source.push(
      `  source_ami_filter {\n    filters     = { name = ${q(options.sourceAmiName ?? 'base-*')} }\n    owners      = ["self"]\n    most_recent = true\n  }`,
    )
  if (options.amiRegions) source.push(`  ami_regions = ${JSON.stringify(options.amiRegions)}`)
  if (Object.keys(runTags).length > 0) source.push(`  run_tags = ${map(runTags)}`)
  if (options.tags)
    source.push(
      `  tags = ${map(Object.fromEntries(Object.entries(options.tags).map(([k, v]) => [k, q(v)])))}`,
    )
  source.push(
    `  aws_polling {\n    delay_seconds = ${options.pollDelaySeconds ?? 1}\n    max_attempts  = 60\n  }`,
  )
  const name = options.sourceName ?? 'app'
  lines.push(`source "amazon-ebs" ${q(name)} {\n${source.join('\n')}\n}`)
  const build: string[] = [`  sources = ["source.amazon-ebs.${name}"]`]
  if (options.shellLocal)
    build.push(`  provisioner "shell-local" {\n    inline = ${JSON.stringify(options.shellLocal)}\n  }`)
  if (options.buildBody) build.push(options.buildBody)
  lines.push(`build {\n${build.join('\n\n')}\n}`)
  return `${lines.join('\n\n')}\n`
}
