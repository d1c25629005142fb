import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PART_SIZE } from '../../src/common/s3'
import { requireModelShape, startAwsLocal, type AwsLocal } from '../../tools/aws-local'
import { BUCKET, deploy, fleet, mutating, objectBytes, objectText, sha256, tempFiles } from './fixture'

/**
 * deploy-binary end to end, publishing: the committed bundle against the local AWS stand-in.
 * Every result is checked by a second means: the bytes in the stand-in's S3 hashed here, the
 * pointer's body read from the stand-in, the recorded calls.
 */

let aws: AwsLocal
const files = tempFiles('publish')
const binary = Buffer.concat([Buffer.from('\x7fELF'), Buffer.alloc(40_000, 7), Buffer.from('v2')])
let file: string

beforeAll(async () => {
  requireModelShape('s3', 'PutObjectRequest.IfMatch')
  aws = await startAwsLocal()
  file = files.write('app', binary)
})

afterAll(async () => {
  await aws.close()
  files.remove()
})

beforeEach(() => {
  aws.reset()
  aws.service('s3').createBucket(BUCKET)
})

describe('publish only', () => {
  it('uploads the release with its checksum object and moves the pointer, restarting nothing', async () => {
    aws.service('s3').putObject(BUCKET, 'app/latest.txt', 'v1\n')
    const run = await deploy(aws, { file, version: 'v2' })
    expect(run.exitCode).toBe(0)
    // Independent checks: the stored bytes hashed here and by sha256sum, the pointer's body.
    const stored = objectBytes(aws, 'app/v2/app')!
    expect(sha256(stored)).toBe(sha256(binary))
    const checksum = objectText(aws, 'app/v2/app.sha256')!
    expect(checksum).toBe(`${sha256(binary)}  app\n`)
    writeFileSync(join(files.dir, 'app.sha256'), checksum)
    expect(execFileSync('sha256sum', ['-c', 'app.sha256'], { cwd: files.dir, encoding: 'utf8' })).toBe(
      'app: OK\n',
    )
    expect(objectText(aws, 'app/latest.txt')).toBe('v2\n')
    const object = aws.service('s3').getObject(BUCKET, 'app/v2/app')!
    expect(object.metadata).toMatchObject({
      sha256: sha256(binary),
      version: 'v2',
      commit: '0123456789abcdef0123456789abcdef01234567',
      'run-url': 'https://github.com/acme/shop/actions/runs/4242',
    })
    expect(run.outputs).toMatchObject({
      version: 'v2',
      'previous-version': 'v1',
      'object-key': 'app/v2/app',
      sha256: sha256(binary),
      'command-id': '',
      instances: '[]',
      'rolled-back': 'false',
    })
    // The pointer was written conditionally on the ETag read before.
    const pointerWrite = aws
      .callsOf('s3', 'PutObject')
      .find((c) => (c.input as { Key: string }).Key === 'app/latest.txt')
    expect((pointerWrite?.input as { IfMatch?: string }).IfMatch).toMatch(/^"[0-9a-f]{32}"$/)
    expect(aws.callsOf('ssm')).toEqual([])
    expect(run.summary).toContain('deploy-binary: v2 released')
  })

  it('creates the pointer only where none exists (If-None-Match) on a first release', async () => {
    const run = await deploy(aws, { file, version: 'v1' })
    expect(run.exitCode).toBe(0)
    expect(objectText(aws, 'app/latest.txt')).toBe('v1\n')
    expect(run.outputs['previous-version']).toBe('')
    const pointerWrite = aws
      .callsOf('s3', 'PutObject')
      .find((c) => (c.input as { Key: string }).Key === 'app/latest.txt')
    expect((pointerWrite?.input as { IfNoneMatch?: string }).IfNoneMatch).toBe('*')
  })

  it('uploads large files in parallel parts with a full-object checksum S3 verifies', async () => {
    const big = files.write('big', Buffer.alloc(40 * 1024 * 1024, 3))
    const run = await deploy(aws, { file: big, version: 'v3', 'binary-name': 'app' })
    expect(run.exitCode).toBe(0)
    const complete = aws.callsOf('s3', 'CompleteMultipartUpload')
    expect(complete).toHaveLength(1)
    expect((complete[0].input as { ChecksumCRC32?: string }).ChecksumCRC32).toBeTruthy()
    // 40 MiB in parts of the shared transfer's size (8 MiB): five parts.
    expect(aws.callsOf('s3', 'UploadPart')).toHaveLength(Math.ceil((40 * 1024 * 1024) / PART_SIZE))
    expect(PART_SIZE).toBe(8 * 1024 * 1024)
    expect(sha256(objectBytes(aws, 'app/v3/app')!)).toBe(sha256(Buffer.alloc(40 * 1024 * 1024, 3)))
  })

  it("starts the upload at once with the SHA-256 the build declared ('sha256'), checked while it goes up", async () => {
    const content = Buffer.alloc(20 * 1024 * 1024 + 5, 9)
    const big = files.write('declared', content)
    // The declaration comes from sha256sum, as a build step would make it.
    const declared = execFileSync('sha256sum', [big], { encoding: 'utf8' }).split(' ')[0]
    const run = await deploy(aws, {
      file: big,
      sha256: declared.toUpperCase(),
      version: 'v4',
      'binary-name': 'app',
    })
    expect(run.exitCode).toBe(0)
    expect(sha256(objectBytes(aws, 'app/v4/app')!)).toBe(sha256(content))
    expect(aws.service('s3').getObject(BUCKET, 'app/v4/app')!.metadata.sha256).toBe(declared)
    expect(objectText(aws, 'app/v4/app.sha256')).toBe(`${declared}  app\n`)
    expect(objectText(aws, 'app/latest.txt')).toBe('v4\n')
    expect(run.log).toContain("has the SHA-256 that input 'sha256' declares")
    expect(run.log).toContain('on a second thread')
    expect(run.log).not.toContain('for its SHA-256 and CRC32')
    expect(run.outputs.sha256).toBe(declared)
  })

  it("uploads nothing on a re-run with 'sha256' that finds the same object", async () => {
    const content = Buffer.alloc(20 * 1024 * 1024 + 5, 8)
    const big = files.write('declared-again', content)
    const declared = sha256(content)
    const inputs = { file: big, sha256: declared, version: 'v6', 'binary-name': 'app' }
    expect((await deploy(aws, inputs)).exitCode).toBe(0)
    aws.reset({ state: false })
    const again = await deploy(aws, inputs)
    expect(again.exitCode).toBe(0)
    expect(mutating(aws)).toEqual([])
    expect(again.log).toContain('holds this very file already')
    expect(again.log).toContain("has the SHA-256 that input 'sha256' declares")
    expect(sha256(objectBytes(aws, 'app/v6/app')!)).toBe(declared)

    // The same file declared wrongly: the declaration is what is refused, not the file.
    aws.reset({ state: false })
    const wrong = await deploy(aws, { ...inputs, sha256: sha256('a typo') })
    expect(wrong.exitCode).toBe(1)
    expect(wrong.errors).toEqual([
      `Input 'sha256' declares ${sha256('a typo')}, but ${big} has the SHA-256 ${declared}; nothing was published and the pointer was not moved.`,
    ])
    expect(mutating(aws)).toEqual([])
    expect(wrong.outputs.sha256 ?? '').toBe('')
  })

  it.each([
    ['in parts', 20 * 1024 * 1024 + 5],
    ['in one PutObject', 1000],
  ])(
    'publishes nothing when the file is not the one declared (%s): no object, no open upload, pointer as it was',
    async (_, size) => {
      aws.service('s3').putObject(BUCKET, 'app/latest.txt', 'v1\n')
      const content = Buffer.alloc(size, 4)
      const wrong = files.write('wrong', content)
      const declared = sha256('what the build made')
      const run = await deploy(aws, { file: wrong, sha256: declared, version: 'v5', 'binary-name': 'app' })
      expect(run.exitCode).toBe(1)
      expect(run.errors).toEqual([
        `Input 'sha256' declares ${declared}, but ${wrong} has the SHA-256 ${sha256(content)}; nothing was published and the pointer was not moved.`,
      ])
      expect(objectBytes(aws, 'app/v5/app')).toBeUndefined()
      expect(objectBytes(aws, 'app/v5/app.sha256')).toBeUndefined()
      expect(aws.service('s3').pendingUploads()).toEqual([])
      expect(aws.callsOf('s3', 'CompleteMultipartUpload')).toEqual([])
      expect(objectText(aws, 'app/latest.txt')).toBe('v1\n')
      expect(aws.callsOf('s3', 'PutObject').map((c) => (c.input as { Key: string }).Key)).toEqual([])
      // No release has a SHA-256 the file does not have; the summary shows both.
      expect(run.outputs.sha256).toBe('')
      expect(run.summary).toContain(`\`${sha256(content)}\` (input 'sha256' declares \`${declared}\`)`)
    },
  )

  it('uploads nothing on a re-run that finds the same object, as the recorded calls show', async () => {
    expect((await deploy(aws, { file, version: 'v2' })).exitCode).toBe(0)
    aws.reset({ state: false })
    const again = await deploy(aws, { file, version: 'v2' })
    expect(again.exitCode).toBe(0)
    expect(mutating(aws)).toEqual([])
    expect(again.log).toContain('holds this very file already')
    expect(objectText(aws, 'app/latest.txt')).toBe('v2\n')
  })

  it('refuses a different binary under an existing version, changing nothing', async () => {
    aws
      .service('s3')
      .putObject(BUCKET, 'app/v2/app', 'another build', { metadata: { sha256: sha256('another build') } })
    const run = await deploy(aws, { file, version: 'v2' })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      expect.stringMatching(
        /^s3:\/\/releases\/app\/v2\/app already holds a different binary for v2 .*a release is immutable: publish under a new 'version'\.$/,
      ),
    ])
    expect(mutating(aws)).toEqual([])
    expect(objectText(aws, 'app/v2/app')).toBe('another build')
  })

  it('fails without overwriting a pointer another deploy moved in between', async () => {
    aws.service('s3').putObject(BUCKET, 'app/latest.txt', 'v1\n')
    // The other deploy moves the pointer once this one has read it and planned (its next S3
    // call, the write check, is held back long enough for that).
    aws.delay('s3', 'CreateMultipartUpload', 800)
    const run = await deploy(
      aws,
      { file, version: 'v2' },
      {
        onLine: (line) => {
          if (line.includes('- move s3://releases/app/latest.txt from v1 to v2'))
            aws.service('s3').putObject(BUCKET, 'app/latest.txt', 'v9\n')
        },
      },
    )
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      'Another deploy moved s3://releases/app/latest.txt after this run read it (it named v1); this run did not overwrite it and restarted nothing (the release s3://releases/app/v2/app stays uploaded).',
    ])
    expect(objectText(aws, 'app/latest.txt')).toBe('v9\n')
  })

  it('takes a write S3 carried out but whose answer was lost for its own, not for another deploy', async () => {
    aws.service('s3').putObject(BUCKET, 'app/latest.txt', 'v1\n')
    // The upload's PutObject, then the pointer's: each is carried out, its answer is a 500, and
    // the retry's condition (If-None-Match, If-Match) fails on what the first attempt wrote.
    aws.fault('s3', 'PutObject', { kind: 'http5xx', afterApplying: true })
    const first = await deploy(aws, { file, version: 'v2' })
    expect({ exit: first.exitCode, errors: first.errors }).toEqual({ exit: 0, errors: [] })
    expect(sha256(objectBytes(aws, 'app/v2/app')!)).toBe(sha256(binary))
    expect(objectText(aws, 'app/latest.txt')).toBe('v2\n')
    const puts = aws.callsOf('s3', 'PutObject').map((c) => [c.input?.Key, c.status])
    expect(puts.filter(([key]) => key === 'app/v2/app')).toEqual([
      ['app/v2/app', 500],
      ['app/v2/app', 412],
    ])

    aws.service('s3').putObject(BUCKET, 'app/v1/app', 'v1', { metadata: { sha256: sha256('v1') } })
    aws.fault('s3', 'PutObject', { kind: 'reset', afterApplying: true })
    const back = await deploy(aws, { version: 'v1', 'binary-name': 'app' })
    expect({ exit: back.exitCode, errors: back.errors }).toEqual({ exit: 0, errors: [] })
    expect(objectText(aws, 'app/latest.txt')).toBe('v1\n')
  })

  it('prints the plan and changes nothing in a dry run', async () => {
    aws.service('s3').putObject(BUCKET, 'app/latest.txt', 'v1\n')
    const ids = fleet(aws, 2)
    const run = await deploy(aws, {
      file,
      version: 'v2',
      'instance-ids': ids.join(','),
      service: 'app',
      'dry-run': 'true',
    })
    expect(run.exitCode).toBe(0)
    expect(run.log).toContain('- move s3://releases/app/latest.txt from v1 to v2')
    expect(run.log).toContain('Dry run: nothing was changed.')
    // Only the write-access check: a multipart upload created and aborted, no object written.
    expect(mutating(aws)).toEqual([
      's3:CreateMultipartUpload',
      's3:AbortMultipartUpload',
      's3:CreateMultipartUpload',
      's3:AbortMultipartUpload',
    ])
    expect(aws.service('s3').listKeys(BUCKET)).toEqual(['app/latest.txt'])
    expect(aws.service('s3').pendingUploads()).toEqual([])
    expect(objectText(aws, 'app/latest.txt')).toBe('v1\n')
    expect(run.summary).toContain('planned (dry run)')
  })

  it("checks the file against 'sha256' in a dry run too, changing nothing", async () => {
    const declared = sha256('another build')
    const run = await deploy(aws, { file, version: 'v2', sha256: declared, 'dry-run': 'true' })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      `Input 'sha256' declares ${declared}, but ${file} has the SHA-256 ${sha256(binary)}; nothing was published and the pointer was not moved.`,
    ])
    expect(aws.service('s3').listKeys(BUCKET)).toEqual([])
    expect(aws.service('s3').pendingUploads()).toEqual([])
    const ok = await deploy(aws, { file, version: 'v2', sha256: sha256(binary), 'dry-run': 'true' })
    expect(ok.exitCode).toBe(0)
    expect(ok.log).toContain('Dry run: nothing was changed.')
  })
})

describe('before any change', () => {
  it('fails on a missing file with one sentence and no AWS call at all', async () => {
    const run = await deploy(aws, { file: 'bin/missing', version: 'v2' })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      "Input 'file' names bin/missing, which does not exist; build the binary before this step, or give its path relative to the workspace.",
    ])
    expect(aws.calls).toEqual([])
  })

  it('fails on a missing bucket with zero mutating calls', async () => {
    const run = await deploy(aws, { file, version: 'v2', bucket: 'no-such-bucket' })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      "Input 'bucket' names no-such-bucket, but the bucket no-such-bucket does not exist; nothing was changed.",
    ])
    expect(mutating(aws)).toEqual([])
  })

  it.each([
    [{ version: 'v2;rm -rf /' }, "Input 'version' must be 1 to 128"],
    [{ version: '$(id)' }, "Input 'version' must be 1 to 128"],
    [{ version: '../v1' }, "Input 'version' must be 1 to 128"],
    [
      { service: "app'; touch /tmp/x; '", 'instance-ids': 'i-0123456789abcdef0' },
      "Input 'service' must be a systemd unit name",
    ],
    [
      { 'working-directory': '/opt/app;id', 'instance-ids': 'i-0123456789abcdef0', service: 'app' },
      "Input 'working-directory' must be an absolute path",
    ],
    [
      { 'working-directory': '/opt/../etc', 'instance-ids': 'i-0123456789abcdef0', service: 'app' },
      "Input 'working-directory' must be an absolute path",
    ],
    [
      { 'health-check': 'http://127.0.0.1/$(id)"', 'instance-ids': 'i-0123456789abcdef0', service: 'app' },
      "Input 'health-check' looks like a URL but is not a valid",
    ],
    [{ prefix: 'app/../etc' }, "Input 'prefix' must be an S3 key"],
    [{ 'instance-ids': 'i-123;reboot', service: 'app' }, "Input 'instance-ids' must list instance ids"],
    [
      { 'max-concurrency': '0', 'instance-ids': 'i-0123456789abcdef0', service: 'app' },
      "Input 'max-concurrency' must be",
    ],
    [{ 'instance-ids': 'i-0123456789abcdef0' }, "Inputs 'instance-ids' and 'targets' need 'service'"],
    [
      { 'install-mode': 'direct', 'instance-ids': 'i-0123456789abcdef0', service: 'app' },
      "Input 'install-mode' is direct",
    ],
  ])('rejects %j before any AWS call', async (extra, message) => {
    const run = await deploy(aws, { file, version: 'v2', ...(extra as Record<string, string>) })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0].startsWith(message)).toBe(true)
    expect(aws.calls).toEqual([])
  })
})
