import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'

/** The repository's root folder. */
export const ROOT = resolve(import.meta.dirname, '..')

/** The actions of the suite: every folder under actions/ with an action.yml. */
export function actionNames(root = ROOT): string[] {
  return readdirSync(join(root, 'actions'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, 'actions', entry.name, 'action.yml')))
    .map((entry) => entry.name)
    .sort()
}

export interface ActionMetadata {
  name: string
  description: string
  inputs?: Record<
    string,
    { description: string; required?: boolean; default?: string; deprecationMessage?: string }
  >
  outputs?: Record<string, { description: string }>
  runs: { using: string; main: string; pre?: string; post?: string; 'post-if'?: string }
}

export function readMetadata(file: string): ActionMetadata {
  return parse(readFileSync(file, 'utf8')) as ActionMetadata
}

/**
 * The workflows' own actions under .github/actions/ (release-record): bundled like the five,
 * used only by the reusable workflows, with no root alias.
 */
export function workflowActionNames(root = ROOT): string[] {
  const dir = join(root, '.github', 'actions')
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'action.yml')))
    .map((entry) => entry.name)
    .sort()
}

/** Every bundle the build produces: the five actions, the workflows' own actions, and the test-only fixture action. */
export interface BundleTarget {
  entry: string
  out: string
}

export function bundleTargets(root = ROOT): BundleTarget[] {
  const withPost = (src: string, out: string): BundleTarget[] => [
    { entry: `${src}/index.ts`, out },
    // A post step (runs.post) is bundled beside its entry, after it (the entry's build clears its folder).
    ...(existsSync(join(root, src, 'post.ts')) ? [{ entry: `${src}/post.ts`, out: `${out}/post` }] : []),
  ]
  return [
    ...[...actionNames(root), ...workflowActionNames(root)].flatMap((name) =>
      withPost(`src/${name}`, `dist/${name}`),
    ),
    ...withPost('test/fixture/src', 'test/fixture/dist'),
  ]
}

export const ALIAS_HEADER =
  '# Generated from actions/{name}/action.yml by `npm run build` so that `uses: <owner>/infra-actions/{name}@v1` works.\n# Do not edit: edit actions/{name}/action.yml and rebuild.\n'

/**
 * The root alias of an action: the canonical action.yml with every `runs` path re-rooted from
 * actions/<name>/ to <name>/ (`../../dist/x/index.js` becomes `../dist/x/index.js`).
 */
export function aliasFor(name: string, canonical: string): string {
  const rerooted = canonical.replace(/^(\s*(?:main|pre|post):\s*['"]?)\.\.\/\.\.\//gm, '$1../')
  return ALIAS_HEADER.replaceAll('{name}', name) + rerooted
}
