import { expect } from '@jest/globals'
import type { StateStore } from './action'
import { UserError } from './errors'

/** Test helpers shared by the unit tests of every action. Not bundled: only tests import it. */

/** Sets an input the way the runner passes it: `INPUT_<NAME>`, hyphens kept. */
export function setInput(name: string, value: string): void {
  process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
}

/** Sets several inputs at once. */
export function setInputs(values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) setInput(name, value)
}

/** Runs `fn`, expects it to throw a `UserError`, and returns the error's sentence. */
export function userErrorOf(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return (error as Error).message
  }
  throw new Error('expected a UserError, but nothing was thrown')
}

/** A state store in memory, for unit tests of a main or post function. */
export function memoryState(
  initial: Record<string, string> = {},
): StateStore & { values: Record<string, string> } {
  const values = { ...initial }
  return {
    values,
    save: (name, value) => {
      values[name] = typeof value === 'string' ? value : JSON.stringify(value)
    },
    get: (name) => values[name],
    getJson<T>(name: string): T | undefined {
      return values[name] === undefined ? undefined : (JSON.parse(values[name]) as T)
    },
  }
}
