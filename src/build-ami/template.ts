import { createHash } from 'node:crypto'
import { RUN_VARIABLE } from './constants'

/**
 * What the action needs to know of a Packer template before running Packer: its format, the
 * variables it declares (and which are sensitive), the builds `only` / `except` can name, its
 * plugin requirements (for `packer init` and the plugin cache key), whether it wires in the run
 * tag, and its manifest post-processor. Pure: it reads text handed to it.
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
  /** The names `-only` / `-except` match: `type.name` of HCL sources, `name` (or `type`) of JSON builders. */
  builds: string[]
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

function analyseHcl(files: TemplateFile[]): TemplateInfo {
  const variables: string[] = []
  const sensitive: string[] = []
  const builds: string[] = []
  const plugins: string[] = []
  let usesRunVariable = false
  let manifest: string | undefined
  for (const file of files) {
    if (file.path.endsWith('.pkr.json')) {
      const info = hclJson(file)
      variables.push(...info.variables)
      sensitive.push(...info.sensitive)
      builds.push(...info.builds)
      if (info.requiredPlugins) plugins.push(info.requiredPlugins)
      if (info.usesRunVariable) usesRunVariable = true
      manifest ??= info.manifest
      continue
    }
    const masked = maskHcl(file.text)
    const blocks = hclBlocks(file.text, masked)
    for (const block of blocks) {
      const body = masked.slice(block.start, block.end)
      if (block.depth === 0 && block.type === 'variable' && block.labels[0]) {
        variables.push(block.labels[0])
        if (/(^|\n)\s*sensitive\s*=\s*true\b/.test(body)) sensitive.push(block.labels[0])
      }
      if (block.depth === 0 && block.type === 'variables') {
        for (const m of body.matchAll(/(?:^|\n)\s*([A-Za-z_][\w-]*)\s*=/g)) variables.push(m[1])
      }
      if (block.depth === 0 && block.type === 'source' && block.labels.length === 2)
        builds.push(`${block.labels[0]}.${block.labels[1]}`)
      if (block.type === 'required_plugins') plugins.push(file.text.slice(block.start, block.end))
      if (block.type === 'post-processor' && block.labels[0] === 'manifest') {
        const output = /(?:^|\n)\s*output\s*=\s*"([^"]*)"/.exec(file.text.slice(block.start, block.end))
        manifest = output?.[1] ?? 'packer-manifest.json'
      }
    }
    if (new RegExp(`\\bvar\\.${RUN_VARIABLE}\\b`).test(stripComments(file.text))) usesRunVariable = true
  }
  const requiredPlugins =
    plugins.length > 0 ? plugins.map((p) => p.replace(/\s+/g, ' ').trim()).join(' | ') : undefined
  return {
    format: 'hcl',
    files,
    variables: unique(variables),
    sensitive: unique(sensitive),
    builds: unique(builds),
    requiredPlugins,
    usesRunVariable,
    manifest,
  }
}

/** An HCL2 file in JSON syntax: `variable.<name>`, `source.<type>.<name>`, `packer.required_plugins`. */
function hclJson(file: TemplateFile): Omit<TemplateInfo, 'format' | 'files'> {
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
  const builds = Object.entries(source).flatMap(([type, named]) =>
    isObject(named) ? Object.keys(named).map((name) => `${type}.${name}`) : [],
  )
  const plugins = packer.required_plugins
  return {
    variables: Object.keys(variable),
    sensitive: Object.entries(variable)
      .filter(([, v]) => isObject(v) && v.sensitive === true)
      .map(([k]) => k),
    builds,
    requiredPlugins: plugins === undefined ? undefined : JSON.stringify(plugins),
    usesRunVariable: new RegExp(`\\bvar\\.${RUN_VARIABLE}\\b`).test(file.text),
    manifest: /"manifest"/.test(file.text) ? 'packer-manifest.json' : undefined,
  }
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
