import { expect } from '@jest/globals'
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
