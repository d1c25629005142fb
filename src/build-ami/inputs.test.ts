import { userErrorOf } from '../common/testing'
import {
  checkBuilds,
  checkDerivablePrefix,
  checkVariables,
  parseMirror,
  parsePackerVersion,
  parseParameterName,
  parseRetention,
  parseTags,
  runTagOf,
} from './inputs'
import { analyseTemplate } from './template'

const info = analyseTemplate('hcl', [
  {
    path: 'app.pkr.hcl',
    text: 'variable "endpoint" {}\nsource "amazon-ebs" "api" {}\nbuild {\n  sources = ["source.amazon-ebs.api"]\n}\n',
  },
])

describe('build-ami inputs', () => {
  it('accepts Parameter Store paths and refuses the rest with the rule', () => {
    expect(parseParameterName('/app/prod/ami-id')).toBe('/app/prod/ami-id')
    expect(parseParameterName(undefined)).toBeUndefined()
    expect(userErrorOf(() => parseParameterName('app/ami'))).toBe(
      `Input 'ssm-parameter' must be a Parameter Store path such as /app/prod/ami-id; "app/ami" does not start with '/'.`,
    )
    for (const reserved of ['/aws/service/ami', '/ssm-config/ami-id', '/AWSome/ami-id'])
      expect(userErrorOf(() => parseParameterName(reserved))).toMatch(
        /starts with aws or ssm, which AWS reserves/,
      )
    expect(userErrorOf(() => parseParameterName('/app/ami id'))).toMatch(/characters other than/)
    expect(userErrorOf(() => parseParameterName('/app//ami'))).toMatch(/empty level/)
    expect(userErrorOf(() => parseParameterName(`/${Array(16).fill('a').join('/')}`))).toMatch(/15 levels/)
  })

  it('checks variables against the template', () => {
    expect(() => checkVariables([['endpoint', 'x']], info, 'app.pkr.hcl')).not.toThrow()
    expect(userErrorOf(() => checkVariables([['region', 'x']], info, 'app.pkr.hcl'))).toBe(
      `Input 'variables' sets "region", which app.pkr.hcl does not declare (it declares endpoint).`,
    )
    expect(userErrorOf(() => checkVariables([['infra_actions_run', 'x']], info, 'app.pkr.hcl'))).toMatch(
      /which the action sets itself/,
    )
    // The input named is the one that set it; the run's own variable is not offered.
    const withRun = { ...info, variables: [...info.variables, 'infra_actions_run'] }
    expect(
      userErrorOf(() => checkVariables([['db_pasword', 'x']], withRun, 'app.pkr.hcl', 'sensitive-variables')),
    ).toBe(
      `Input 'sensitive-variables' sets "db_pasword", which app.pkr.hcl does not declare (it declares endpoint).`,
    )
  })

  it('checks only/except against the template builds', () => {
    expect(() => checkBuilds('only', ['amazon-ebs.*'], info, 'app.pkr.hcl')).not.toThrow()
    expect(userErrorOf(() => checkBuilds('except', ['null.x'], info, 'app.pkr.hcl'))).toBe(
      `Input 'except' names the build "null.x", which app.pkr.hcl does not have; its builds are amazon-ebs.api.`,
    )
  })

  it('refuses keep without name-prefix, before Packer runs, when no name the template gives has a prefix', () => {
    const named = (amiName: string) =>
      analyseTemplate('json', [
        {
          path: 'app.json',
          text: JSON.stringify({ builders: [{ type: 'amazon-ebs', name: 'app', ami_name: amiName }] }),
        },
      ])
    for (const ok of ['app-{{timestamp}}', 'web-{{timestamp}}-prod', '{{user `name`}}{{timestamp}}'])
      expect(() => checkDerivablePrefix(['app'], named(ok), 'app.json')).not.toThrow()
    expect(userErrorOf(() => checkDerivablePrefix(['app'], named('golden{{timestamp}}'), 'app.json'))).toBe(
      `app.json names the image of app "golden{{timestamp}}", which has no version or timestamp after a separator to group old images by, so set 'name-prefix' for 'keep'.`,
    )
    expect(userErrorOf(() => checkDerivablePrefix(['app'], named('x-{{timestamp}}'), 'app.json'))).toMatch(
      /set 'name-prefix' for 'keep'\.$/,
    )
  })

  it('reads versions, mirrors, tags and retention', () => {
    expect(parsePackerVersion('v1.11.2')).toBe('1.11.2')
    expect(userErrorOf(() => parsePackerVersion('latest'))).toMatch(
      /^Input 'packer-version' must be a Packer release/,
    )
    expect(parseMirror('http://127.0.0.1:8080/packer/')).toBe('http://127.0.0.1:8080/packer')
    expect(userErrorOf(() => parseMirror('ftp://x'))).toMatch(
      /^Input 'packer-mirror' must be an http\(s\) URL/,
    )
    expect(userErrorOf(() => parseTags([['aws:owner', 'x']]))).toMatch(/reserved/)
    const tags = (n: number): Array<[string, string]> => Array.from({ length: n }, (_, i) => [`k${i}`, 'v'])
    expect(parseTags(tags(50))).toHaveLength(50)
    expect(userErrorOf(() => parseTags(tags(51)))).toBe(
      "Input 'tags' has 51 tags; EC2 allows at most 50 per resource, the tags the template gives the image included.",
    )
    expect(parseRetention(2, undefined, '30d')).toEqual({
      keep: 2,
      namePrefix: undefined,
      deprecateAfterMs: 2_592_000_000,
    })
    expect(userErrorOf(() => parseRetention(undefined, undefined, '30d'))).toBe(
      `Input 'deprecate-after' is set but 'keep' is not; set how many of the newest images to keep.`,
    )
    expect(userErrorOf(() => parseRetention(2, undefined, '10s'))).toMatch(
      /^Input 'deprecate-after' must be at least 1m/,
    )
  })

  it('makes a run tag per run and attempt, different for every job', () => {
    const env = { GITHUB_RUN_ID: '77', GITHUB_RUN_ATTEMPT: '2' }
    expect(runTagOf(env)).toMatch(/^run-77-2-[0-9a-f]{8}$/)
    expect(runTagOf(env)).not.toBe(runTagOf(env))
  })
})
