import { formatOf, lineOf, type TemplateInfo } from './template'

/**
 * Packer's machine-readable output (`-machine-readable`): one line per event,
 * `timestamp,target,type,data...`, where commas inside data are written `%!(PACKER_COMMA)` and
 * newlines `\n` (Packer's docs, "Machine-readable output"). Turned back into readable log lines,
 * into the artifacts of the build, and into annotations for validation errors. Pure.
 */

export interface MachineLine {
  timestamp: number
  /** The build the line is about (`amazon-ebs`), empty for Packer's own messages. */
  target: string
  type: string
  data: string[]
}

/** Packer's escapes undone: `%!(PACKER_COMMA)` is a comma, `\n` a newline, `\r` a carriage return. */
export function unescapeData(value: string): string {
  return value
    .replace(/%!\(PACKER_COMMA\)/g, ',')
    .replace(/\\n/g, '\n')
    .replace(/\\r/g, '\r')
}

/**
 * Parses one line; undefined for a line that is not machine-readable (plugins may print others).
 * `redact` is applied to the line as Packer wrote it and to each field once unescaped, before it
 * is split into lines: a secret can show in either form (Packer writes a backslash as it is, so
 * a secret holding `\n` would otherwise come out cut in two at a newline that is not its own).
 */
export function parseMachineLine(
  line: string,
  redact: (text: string) => string = (text) => text,
): MachineLine | undefined {
  const fields = redact(line).split(',')
  if (fields.length < 3 || !/^\d+$/.test(fields[0])) return undefined
  return {
    timestamp: Number(fields[0]),
    target: fields[1],
    type: fields[2],
    data: fields.slice(3).map((field) => redact(unescapeData(field))),
  }
}

export interface Readable {
  level: 'info' | 'error' | 'debug'
  lines: string[]
}

/**
 * How a machine-readable line reads in the log: Packer's `ui` messages as Packer prints them
 * without `-machine-readable` (`==> amazon-ebs: Launching a source AWS instance...`, then the
 * build's indented messages), errors as errors, and everything else (artifact records, counts)
 * in the debug log only.
 */
export function readable(line: MachineLine): Readable {
  if (line.type === 'ui') {
    const [kind, text = ''] = line.data
    const lines = text.replace(/\n+$/, '').replace(/^\n+/, '').split('\n')
    return { level: kind === 'error' ? 'error' : 'info', lines }
  }
  return { level: 'debug', lines: [[line.target, line.type, ...line.data].join(' ')] }
}

/**
 * The temporary key pair or security group a `ui,say` line of Packer's amazon builders announces
 * as it creates it (packer-plugin-amazon, builder/common/step_key_pair.go and
 * step_security_group.go: "Creating temporary keypair: <name>", "Creating temporary security
 * group for this instance: <name>"), so that the sweep knows them even when Packer dies before
 * an instance carries them.
 */
export function announcedTemporary(
  line: MachineLine,
): { kind: 'keyPair' | 'group'; name: string } | undefined {
  if (line.type !== 'ui' || line.data[0] !== 'say') return undefined
  const text = line.data[1] ?? ''
  const key = /Creating temporary keypair: (\S+)$/.exec(text.trim())
  if (key) return { kind: 'keyPair', name: key[1] }
  const group = /Creating temporary security group for this instance: (\S+)$/.exec(text.trim())
  if (group) return { kind: 'group', name: group[1] }
  return undefined
}

export interface Artifact {
  build: string
  index: string
  builderId?: string
  id?: string
  /** The AMI id per region, for an artifact whose id is `region:ami-...[,region:ami-...]`. */
  amis?: Record<string, string>
}

/** `eu-west-1:ami-a17...,us-east-1:ami-af1...` (already unescaped) to a map; undefined when it is not AMI ids. */
export function parseAmiIds(id: string): Record<string, string> | undefined {
  const pairs = id.split(',').map((p) => p.trim())
  const out: Record<string, string> = {}
  for (const pair of pairs) {
    const m = /^([a-z]{2}(?:-[a-z]+)+-\d{1,2}):(ami-[0-9a-f]{8,17})$/.exec(pair)
    if (!m) return undefined
    out[m[1]] = m[2]
  }
  return pairs.length > 0 ? out : undefined
}

/** Collects the artifacts of a build from its `artifact` lines, as they arrive. */
export class Artifacts {
  private readonly byKey = new Map<string, Artifact>()

  add(line: MachineLine): void {
    if (line.type !== 'artifact') return
    const [index, field, value = ''] = line.data
    const key = `${line.target}\u0000${index}`
    const artifact = this.byKey.get(key) ?? { build: line.target, index }
    if (field === 'builder-id') artifact.builderId = value
    if (field === 'id') {
      artifact.id = value
      artifact.amis = parseAmiIds(value)
    }
    this.byKey.set(key, artifact)
  }

  list(): Artifact[] {
    return [...this.byKey.values()]
  }

  /** The artifacts that are AMIs. */
  amis(): Artifact[] {
    return this.list().filter((a) => a.amis !== undefined)
  }
}

/** The builds of a manifest post-processor's file (`builds[].artifact_id`) of its last run. */
export function manifestAmis(text: string): Array<{ build: string; amis: Record<string, string> }> {
  let parsed: { last_run_uuid?: string; builds?: Array<Record<string, unknown>> }
  try {
    parsed = JSON.parse(text) as typeof parsed
  } catch {
    return []
  }
  return (parsed.builds ?? [])
    .filter((b) => !parsed.last_run_uuid || b.packer_run_uuid === parsed.last_run_uuid)
    .map((b) => ({ build: String(b.name ?? ''), amis: parseAmiIds(String(b.artifact_id ?? '')) }))
    .filter((b): b is { build: string; amis: Record<string, string> } => b.amis !== undefined)
}

export interface Annotation {
  message: string
  file?: string
  line?: number
  column?: number
}

/**
 * Packer's validation errors (its `ui,error` messages) as annotations on the template's file and
 * line. HCL errors name them (`on app.pkr.hcl line 9:`, `app.pkr.hcl:10,26-31: Unsupported
 * attribute; ...`); JSON syntax errors say `At line 4, column 2`; a JSON template's unknown key is
 * looked up in the file.
 */
export function validationAnnotations(errors: string[], template: TemplateInfo): Annotation[] {
  const out: Annotation[] = []
  for (const error of errors) {
    const text = error.trim()
    if (text === '') continue
    const lines = text.split('\n').map((l) => l.trim())
    const headline = lines[0].replace(/^Error:\s*/, '')
    // Pointed diagnostics: `file:line,col-col: summary; detail`, possibly several.
    const pointed = [...text.matchAll(/^(\S+?):(\d+),(\d+)(?:-\d+)?: ([^\n]*(?:\n(?!\n)[^\n]*)*)/gm)]
    if (pointed.length > 0) {
      for (const m of pointed) {
        out.push({
          message: `${headline}: ${m[4].replace(/\s*\n\s*/g, ' ').trim()}`,
          file: fileOf(m[1], template),
          line: Number(m[2]),
          column: Number(m[3]),
        })
      }
      continue
    }
    const on = /on (\S+) line (\d+)/.exec(text)
    const detail = lines
      .slice(1)
      .filter(
        (l) =>
          l !== '' && !/^on \S+ line \d+/.test(l) && !/^\d+:/.test(l) && !/source code not available/.test(l),
      )
      .map((l) => l.replace(/^\*\s*/, ''))
      .join(' ')
    const message = detail ? `${headline}: ${detail}` : headline
    if (on) {
      out.push({ message, file: fileOf(on[1], template), line: Number(on[2]) })
      continue
    }
    const at = /At line (\d+), column (\d+)/.exec(text)
    if (at) {
      out.push({
        message: message.replace(/\s*At line \d+, column \d+.*$/, ''),
        file: template.files[0]?.path,
        line: Number(at[1]),
        column: Number(at[2]),
      })
      continue
    }
    const key = /unknown configuration key: '"?([^'"]+)"?'/.exec(text)
    const file = template.files[0]
    const line = key && file ? lineOf(file.text, `"${key[1]}"`) : undefined
    out.push({ message, file: file?.path, line })
  }
  return out
}

/** The template file a diagnostic names (Packer names them as it was given them, often bare). */
function fileOf(name: string, template: TemplateInfo): string | undefined {
  const match = template.files.find((f) => f.path === name || f.path.endsWith(`/${name}`))
  if (match) return match.path
  return formatOf(name) ? name : template.files[0]?.path
}
