import { createHash } from 'node:crypto'
import { RUN_VARIABLE } from './constants'

/**
 * What the action needs to know of a Packer template before running Packer: its format, the
 * variables it declares (and which are sensitive), the builds it runs (which `only` / `except`
 * can name) with their builder types and AMI names, its plugin requirements (for `packer init`
 * and the plugin cache key), whether it wires in the run tag, and its manifest post-processor.
 * Pure: it reads text handed to it.
 *
 * Written by hand: no HCL parser for JavaScript is a dependency of the suite (and none is
 * well kept), and the action needs only block headers and a few attributes, not expressions.
 * The scanner knows HCL's comments, strings (with `${...}` interpolation) and heredocs, so
 * braces inside them do not count; anything it cannot see, Packer's own `validate` still does.
 */

export type TemplateFormat = 'hcl' | 'json'

export interface TemplateFile {
  /** As shown to the user and in annotations: relative to the workspace where possible. */
  path: string
  text: string
}

export interface TemplateInfo {
  format: TemplateFormat
  files: TemplateFile[]
  variables: string[]
  sensitive: string[]
  /**
   * The builds Packer runs, by the names `-only` / `-except` match: for HCL, each source a build
   * block uses (`type.name`, `build.type.name` in a named build block; a source no build block
   * uses is not built), for JSON each builder's `name` (or `type`).
   */
  builds: string[]
  /** The builder type of each build (`amazon-ebs`, `null`), by its name in `builds`. */
  builderTypes: Record<string, string>
  /** The `ami_name` of each build that sets it as one string (interpolations as written), by its name in `builds`. */
  amiNames: Record<string, string>
  /** The `required_plugins` blocks' text, whitespace-normalised; undefined when none is declared. */
  requiredPlugins?: string
  /** Whether the template uses the run tag variable (so its builder instance carries the run's tag). */
  usesRunVariable: boolean
  /** The manifest post-processor's output file, when the template has one. */
  manifest?: string
}

/**
 * The format a template file is written in, from its name (as Packer decides it): `.pkr.hcl` is
 * HCL2, `.pkr.json` is HCL2 in JSON syntax (so `hcl` too), any other `.json` is a legacy JSON
 * template; undefined for neither.
 */
export function formatOf(path: string): TemplateFormat | undefined {
  if (path.endsWith('.pkr.hcl') || path.endsWith('.pkr.json')) return 'hcl'
  if (path.endsWith('.json')) return 'json'
  return undefined
}

export class TemplateError extends Error {
  override name = 'TemplateError'
}

export function analyseTemplate(format: TemplateFormat, files: TemplateFile[]): TemplateInfo {
  return format === 'json' ? analyseJson(files[0]) : analyseHcl(files)
}

/** The line (1-based) of the first occurrence of `needle` in `text`, or undefined. */
export function lineOf(text: string, needle: string): number | undefined {
  const at = text.indexOf(needle)
  return at < 0 ? undefined : text.slice(0, at).split('\n').length
}

function analyseJson(file: TemplateFile): TemplateInfo {
  let parsed: unknown
  try {
    parsed = JSON.parse(file.text)
  } catch (error) {
    throw new TemplateError(`${file.path} is not valid JSON: ${(error as Error).message}`)
  }
  if (!isObject(parsed)) throw new TemplateError(`${file.path} must hold a JSON object`)
  const variables = isObject(parsed.variables) ? Object.keys(parsed.variables) : []
  const sensitive = Array.isArray(parsed['sensitive-variables'])
    ? parsed['sensitive-variables'].filter((v): v is string => typeof v === 'string')
    : []
  const builders = Array.isArray(parsed.builders) ? parsed.builders.filter(isObject) : []
  const builds = builders.map((b) => String(b.name ?? b.type ?? ''))
  const builderTypes: Record<string, string> = {}
  const amiNames: Record<string, string> = {}
  builders.forEach((b, i) => {
    builderTypes[builds[i]] = String(b.type ?? '')
    if (typeof b.ami_name === 'string') amiNames[builds[i]] = b.ami_name
  })
  // post-processors: a list of post-processors, names, or lists of them (a chain).
  const postProcessors = (Array.isArray(parsed['post-processors']) ? parsed['post-processors'] : [])
    .flat()
    .filter(isObject)
  const manifest = postProcessors.find((p) => p.type === 'manifest')
  return {
    format: 'json',
    files: [file],
    variables,
    sensitive,
    builds,
    builderTypes,
    amiNames,
    usesRunVariable: new RegExp(`user\\s+\`${RUN_VARIABLE}\``).test(file.text),
    manifest: manifest ? String(manifest.output ?? 'packer-manifest.json') : undefined,
  }
}

interface Block {
  type: string
  labels: string[]
  /** Offsets of the body, between the braces. */
  start: number
  end: number
  depth: number
}

/** A source as a build block uses it. */
interface BuildUse {
  /** The build's name, as `-only` / `-except` match it. */
  build: string
  type: string
  /** `type.name` of the source block it takes its settings from. */
  source: string
  /** `ami_name` as the build block's own `source` block sets it, over the source's. */
  amiName?: string
}

/** What every HCL file adds to the template's analysis. */
interface HclFileInfo {
  variables: string[]
  sensitive: string[]
  uses: BuildUse[]
  /** The `ami_name` of each source block that sets it as one string, by `type.name`. */
  sourceAmiNames: Map<string, string>
  requiredPlugins?: string
  usesRunVariable: boolean
  manifest?: string
}

function analyseHcl(files: TemplateFile[]): TemplateInfo {
  const variables: string[] = []
  const sensitive: string[] = []
  const uses: BuildUse[] = []
  const sourceAmiNames = new Map<string, string>()
  const plugins: string[] = []
  let usesRunVariable = false
  let manifest: string | undefined
  const add = (info: HclFileInfo): void => {
    variables.push(...info.variables)
    sensitive.push(...info.sensitive)
    uses.push(...info.uses)
    for (const [source, name] of info.sourceAmiNames) sourceAmiNames.set(source, name)
    if (info.requiredPlugins) plugins.push(info.requiredPlugins)
    if (info.usesRunVariable) usesRunVariable = true
    manifest ??= info.manifest
  }
  for (const file of files) add(file.path.endsWith('.pkr.json') ? hclJson(file) : hclFile(file))
  const requiredPlugins =
    plugins.length > 0 ? plugins.map((p) => p.replace(/\s+/g, ' ').trim()).join(' | ') : undefined
  const builderTypes: Record<string, string> = {}
  const amiNames: Record<string, string> = {}
  for (const use of uses) {
    builderTypes[use.build] = use.type
    const amiName = use.amiName ?? sourceAmiNames.get(use.source)
    if (amiName !== undefined) amiNames[use.build] = amiName
  }
  return {
    format: 'hcl',
    files,
    variables: unique(variables),
    sensitive: unique(sensitive),
    builds: unique(uses.map((u) => u.build)),
    builderTypes,
    amiNames,
    requiredPlugins,
    usesRunVariable,
    manifest,
  }
}

function hclFile(file: TemplateFile): HclFileInfo {
  const info: HclFileInfo = {
    variables: [],
    sensitive: [],
    uses: [],
    sourceAmiNames: new Map(),
    usesRunVariable: false,
  }
  const plugins: string[] = []
  const masked = maskHcl(file.text)
  const blocks = hclBlocks(file.text, masked)
  for (const block of blocks) {
    const body = masked.slice(block.start, block.end)
    if (block.depth === 0 && block.type === 'variable' && block.labels[0]) {
      info.variables.push(block.labels[0])
      if (/(^|\n)\s*sensitive\s*=\s*true\b/.test(body)) info.sensitive.push(block.labels[0])
    }
    if (block.depth === 0 && block.type === 'variables') {
      for (const m of body.matchAll(/(?:^|\n)\s*([A-Za-z_][\w-]*)\s*=/g)) info.variables.push(m[1])
    }
    if (block.depth === 0 && block.type === 'source' && block.labels.length === 2) {
      const amiName = stringAttribute(file.text, masked, block, 'ami_name')
      if (amiName !== undefined) info.sourceAmiNames.set(`${block.labels[0]}.${block.labels[1]}`, amiName)
    }
    if (block.depth === 0 && block.type === 'build')
      info.uses.push(...buildUses(file.text, masked, block, blocks))
    if (block.type === 'required_plugins') plugins.push(file.text.slice(block.start, block.end))
    if (block.type === 'post-processor' && block.labels[0] === 'manifest') {
      const output = /(?:^|\n)\s*output\s*=\s*"([^"]*)"/.exec(file.text.slice(block.start, block.end))
      info.manifest = output?.[1] ?? 'packer-manifest.json'
    }
  }
  if (plugins.length > 0) info.requiredPlugins = plugins.join(' | ')
  info.usesRunVariable = new RegExp(`\\bvar\\.${RUN_VARIABLE}\\b`).test(stripComments(file.text))
  return info
}

/**
 * The sources a build block uses, as Packer names its builds (`[build.]type.name`): those of its
 * `sources` list, then its own `source` blocks (whose `name` renames the build).
 */
function buildUses(text: string, masked: string, build: Block, blocks: Block[]): BuildUse[] {
  const name = stringAttribute(text, masked, build, 'name')
  const prefix = name ? `${name}.` : ''
  const uses: BuildUse[] = []
  const own = topLevel(masked, build)
  const list = /(?:^|\n)[ \t]*sources[ \t]*=[ \t]*\[/.exec(own)
  if (list) {
    const open = build.start + list.index + list[0].length
    const close = own.indexOf(']', open - build.start)
    const items = masked.slice(open, close < 0 ? build.end : build.start + close)
    // The strings of the list, found in the masked text (so that none in a comment counts).
    for (const m of items.matchAll(/" *"/g)) {
      const at = open + (m.index as number)
      const ref = sourceRef(text.slice(at + 1, at + m[0].length - 1))
      if (ref) uses.push({ build: `${prefix}${ref}`, type: ref.split('.')[0], source: ref })
    }
  }
  for (const block of blocks) {
    const inside = block.start > build.start && block.end < build.end && block.depth === build.depth + 1
    const ref = inside && block.type === 'source' && block.labels.length === 1 && sourceRef(block.labels[0])
    if (!ref) continue
    const [type, sourceName] = ref.split('.')
    uses.push({
      build: `${prefix}${type}.${stringAttribute(text, masked, block, 'name') ?? sourceName}`,
      type,
      source: ref,
      amiName: stringAttribute(text, masked, block, 'ami_name'),
    })
  }
  return uses
}

/** `source.type.name` (or `type.name`) as `type.name`; undefined for anything else. */
function sourceRef(ref: string): string | undefined {
  const m = /^(?:source\.)?([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)$/.exec(ref)
  return m ? `${m[1]}.${m[2]}` : undefined
}

/** A block's body with everything nested in it (blocks, objects, lists) blanked, offsets kept. */
function topLevel(masked: string, block: Block): string {
  let depth = 0
  let out = ''
  for (let i = block.start; i < block.end; i++) {
    const ch = masked[i]
    if (ch === '}' || ch === ']' || ch === ')') depth = Math.max(0, depth - 1)
    out += depth > 0 && ch !== '\n' ? ' ' : ch
    if (ch === '{' || ch === '[' || ch === '(') depth += 1
  }
  return out
}

/**
 * A block's own attribute whose whole value is one string literal (`name = "x"`, a comment
 * after it allowed), as written between the quotes; undefined when it is not set so.
 */
function stringAttribute(text: string, masked: string, block: Block, name: string): string | undefined {
  const own = topLevel(masked, block)
  const m = new RegExp(`(?:^|\\n)[ \\t]*${name}[ \\t]*=[ \\t]*"`).exec(own)
  if (!m) return undefined
  const quote = block.start + m.index + m[0].length - 1
  const end = stringEnd(text, quote)
  if (text[end - 1] !== '"' || end - 1 === quote) return undefined
  if (!/^[ \t]*(?:\n|$)/.test(own.slice(end - block.start))) return undefined
  return text.slice(quote + 1, end - 1).replace(/\\(["\\])/g, '$1')
}

/**
 * An HCL2 file in JSON syntax: `variable.<name>`, `source.<type>.<name>`, `build` (one object or
 * a list, with `sources` and its own `source` objects), `packer.required_plugins`.
 */
function hclJson(file: TemplateFile): HclFileInfo {
  let parsed: unknown
  try {
    parsed = JSON.parse(file.text)
  } catch (error) {
    throw new TemplateError(`${file.path} is not valid JSON: ${(error as Error).message}`)
  }
  if (!isObject(parsed)) throw new TemplateError(`${file.path} must hold a JSON object`)
  const variable = isObject(parsed.variable) ? parsed.variable : {}
  const source = isObject(parsed.source) ? parsed.source : {}
  const packer = isObject(parsed.packer) ? parsed.packer : {}
  const sourceAmiNames = new Map<string, string>()
  for (const [type, named] of Object.entries(source))
    for (const [name, body] of Object.entries(isObject(named) ? named : {}))
      if (isObject(body) && typeof body.ami_name === 'string')
        sourceAmiNames.set(`${type}.${name}`, body.ami_name)
  const uses: BuildUse[] = []
  for (const build of listOf(parsed.build)) {
    const prefix = typeof build.name === 'string' && build.name !== '' ? `${build.name}.` : ''
    for (const item of Array.isArray(build.sources) ? build.sources : []) {
      const ref = typeof item === 'string' ? sourceRef(item) : undefined
      if (ref) uses.push({ build: `${prefix}${ref}`, type: ref.split('.')[0], source: ref })
    }
    for (const [label, bodies] of Object.entries(isObject(build.source) ? build.source : {})) {
      const ref = sourceRef(label)
      if (!ref) continue
      const [type, sourceName] = ref.split('.')
      for (const body of listOf(bodies))
        uses.push({
          build: `${prefix}${type}.${typeof body.name === 'string' ? body.name : sourceName}`,
          type,
          source: ref,
          amiName: typeof body.ami_name === 'string' ? body.ami_name : undefined,
        })
    }
  }
  const plugins = packer.required_plugins
  return {
    variables: Object.keys(variable),
    sensitive: Object.entries(variable)
      .filter(([, v]) => isObject(v) && v.sensitive === true)
      .map(([k]) => k),
    uses,
    sourceAmiNames,
    requiredPlugins: plugins === undefined ? undefined : JSON.stringify(plugins),
    usesRunVariable: new RegExp(`\\bvar\\.${RUN_VARIABLE}\\b`).test(file.text),
    manifest: /"manifest"/.test(file.text) ? 'packer-manifest.json' : undefined,
  }
}

/** A JSON value that is one object or a list of them, as a list of its objects. */
function listOf(value: unknown): Array<Record<string, unknown>> {
  return (Array.isArray(value) ? value : [value]).filter(isObject)
}

/**
 * The text with comments replaced by spaces and the insides of strings and heredocs by spaces
 * (quotes kept), newlines kept: the same length, so offsets and line numbers stay the same.
 */
export function maskHcl(text: string): string {
  const out = text.split('')
  const blank = (from: number, to: number): void => {
    for (let i = from; i < to && i < out.length; i++) if (out[i] !== '\n') out[i] = ' '
  }
  let i = 0
  while (i < text.length) {
    const ch = text[i]
    const next = text[i + 1]
    if (ch === '#' || (ch === '/' && next === '/')) {
      const end = text.indexOf('\n', i)
      const stop = end < 0 ? text.length : end
      blank(i, stop)
      i = stop
    } else if (ch === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2)
      const stop = end < 0 ? text.length : end + 2
      blank(i, stop)
      i = stop
    } else if (ch === '"') {
      const stop = stringEnd(text, i)
      blank(i + 1, stop - 1)
      i = stop
    } else if (ch === '<' && next === '<') {
      const header = /^<<-?([A-Za-z_][\w-]*)[ \t]*\n/.exec(text.slice(i))
      if (!header) {
        i += 2
        continue
      }
      const bodyStart = i + header[0].length
      const terminator = new RegExp(`\\n[ \\t]*${header[1]}[ \\t]*(?=\\n|$)`).exec(text.slice(bodyStart - 1))
      const stop = terminator ? bodyStart - 1 + terminator.index + terminator[0].length : text.length
      blank(i, stop)
      i = stop
    } else {
      i += 1
    }
  }
  return out.join('')
}

/** The offset just past the closing quote of the string starting at `start` (interpolations may nest strings). */
function stringEnd(text: string, start: number): number {
  let i = start + 1
  while (i < text.length) {
    const ch = text[i]
    if (ch === '\\') i += 2
    else if (ch === '"') return i + 1
    else if (ch === '\n') return i
    else if ((ch === '$' || ch === '%') && text[i + 1] === '{') {
      // An interpolation or directive: skip to its matching brace, strings inside included.
      let depth = 0
      for (i += 1; i < text.length; i++) {
        if (text[i] === '"') i = stringEnd(text, i) - 1
        else if (text[i] === '{') depth += 1
        else if (text[i] === '}' && --depth === 0) break
      }
      i += 1
    } else i += 1
  }
  return i
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|(?:#|\/\/)[^\n]*/g, ' ')
}

/** Every block (`type "label" ... {`), at any depth, with its body's offsets. */
function hclBlocks(text: string, masked: string): Block[] {
  const blocks: Block[] = []
  const header = /([A-Za-z_][\w-]*)((?:\s+"[^"\n]*")*)\s*\{/g
  const open: number[] = []
  const headers = new Map<number, { type: string; labels: string[] }>()
  for (const m of masked.matchAll(header)) {
    const brace = (m.index as number) + m[0].length - 1
    // An attribute with an object value (`tags = {`) is not a block: the word must not follow `=`.
    const before = masked.slice(0, m.index).trimEnd()
    if (before.endsWith('=')) continue
    const labelsText = text.slice((m.index as number) + m[1].length, brace)
    const labels = [...labelsText.matchAll(/"([^"\n]*)"/g)].map((l) => l[1])
    headers.set(brace, { type: m[1], labels })
  }
  for (let i = 0; i < masked.length; i++) {
    if (masked[i] === '{') open.push(i)
    else if (masked[i] === '}') {
      const start = open.pop()
      if (start === undefined) continue
      const head = headers.get(start)
      if (head) blocks.push({ ...head, start: start + 1, end: i, depth: open.length })
    }
  }
  return blocks.sort((a, b) => a.start - b.start)
}

/**
 * Whether a builder makes an AMI: the amazon builders do, but `amazon-ebsvolume`, which makes
 * EBS volumes only.
 */
export function makesImage(builderType: string | undefined): boolean {
  return builderType !== undefined && builderType.startsWith('amazon-') && builderType !== 'amazon-ebsvolume'
}

/** Packer's `-only` / `-except` matching: HCL names are globs over `type.name`; JSON names are exact. */
export function matchesBuild(pattern: string, build: string, format: TemplateFormat): boolean {
  if (format === 'json') return pattern === build
  const source = pattern.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '.*')
  return new RegExp(`^${source}$`).test(build)
}

/** The cache key of a template's plugins: its plugin requirements and the OS and architecture. */
export function pluginCacheKey(requiredPlugins: string, platform: string, arch: string): string {
  const digest = createHash('sha256').update(requiredPlugins).digest('hex').slice(0, 16)
  return `infra-actions-packer-plugins-${platform}-${arch}-${digest}`
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
