import { data, Evaluator, Lexer, Parser } from '@actions/expressions'
import { truthy } from '@actions/expressions/result'

/**
 * GitHub Actions expressions, evaluated by GitHub's own evaluator (@actions/expressions):
 * `${{ }}` templates in `with:`, `env:` and outputs, and `if:` conditions with the status
 * functions (success(), failure(), always(), cancelled()) that the evaluator leaves to the runner.
 */

export type Contexts = Record<string, unknown>

/** The status of what came before: the ancestor jobs of a job, or the earlier steps of a step. */
export interface Status {
  failed: boolean
  cancelled: boolean
}

const CONTEXTS = [
  'github',
  'env',
  'vars',
  'job',
  'jobs',
  'steps',
  'runner',
  'secrets',
  'strategy',
  'matrix',
  'needs',
  'inputs',
]

function statusFunctions(
  status: Status,
): Array<{ name: string; minArgs: number; maxArgs: number; call: () => data.ExpressionData }> {
  return [
    {
      name: 'success',
      minArgs: 0,
      maxArgs: 0,
      call: () => new data.BooleanData(!status.failed && !status.cancelled),
    },
    { name: 'failure', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(status.failed) },
    { name: 'always', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(true) },
    { name: 'cancelled', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(status.cancelled) },
  ]
}

function toData(value: unknown): data.Dictionary {
  return JSON.parse(JSON.stringify(value ?? {}), data.reviver) as data.Dictionary
}

function evaluateData(expression: string, contexts: Contexts, status: Status): data.ExpressionData {
  const lexed = new Lexer(expression).lex()
  const functions = statusFunctions(status)
  const parsed = new Parser(lexed.tokens, CONTEXTS, functions).parse()
  const context = new data.Dictionary(
    ...CONTEXTS.map((key) => ({ key, value: toData(contexts[key] ?? {}) as data.ExpressionData })),
  )
  return new Evaluator(parsed, context, new Map(functions.map((f) => [f.name, f]))).evaluate()
}

const OK: Status = { failed: false, cancelled: false }

/** One expression's value as plain JSON (strings, numbers, booleans, null, arrays, objects). */
export function evaluate(expression: string, contexts: Contexts, status: Status = OK): unknown {
  return JSON.parse(JSON.stringify(evaluateData(expression, contexts, status), data.replacer)) as unknown
}

const TEMPLATE = /\$\{\{([\s\S]*?)\}\}/g

/**
 * A workflow value with its `${{ }}` expressions evaluated: a value that is exactly one
 * expression keeps the expression's type (a matrix `include` gets its array), text with
 * expressions inside gets each one's string form, as the runner does.
 */
export function interpolate(value: unknown, contexts: Contexts, status: Status = OK): unknown {
  if (typeof value === 'string') {
    const whole = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/.exec(value)
    if (whole && !whole[1].includes('}}')) return evaluate(whole[1], contexts, status)
    return value.replace(TEMPLATE, (_, expression: string) =>
      evaluateData(expression, contexts, status).coerceString(),
    )
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, contexts, status))
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, contexts, status)]))
  return value
}

/** A value as the runner hands it to an action input or an environment variable. */
export function asText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

/**
 * An `if:` condition: with or without `${{ }}`, and `success() &&` in front unless it calls a
 * status function itself (GitHub's rule for job and step conditions).
 */
export function condition(text: unknown, contexts: Contexts, status: Status): boolean {
  if (text === undefined || text === null) return !status.failed && !status.cancelled
  if (typeof text === 'boolean') return text && !status.failed && !status.cancelled
  const expression = String(text)
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, '$1')
  const guarded = /\b(success|failure|always|cancelled)\s*\(/.test(expression)
    ? expression
    : `success() && (${expression})`
  return truthy(evaluateData(guarded, contexts, status))
}
