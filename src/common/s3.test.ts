import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, connect, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3'
import { startAwsLocal, type AwsLocal } from '../../tools/aws-local'
import { AwsCalls } from './aws'
import { CancelledError } from './errors'
import { parseS3Uri } from './inputs'
import {
  ConditionalWriteError,
  declaredDigest,
  digestFile,
  PART_SIZE,
  S3Transfer,
  SHA256_METADATA,
} from './s3'

/**
 * S3 transfer against the local stand-in, with the real SDK and lib-storage. Every outcome is
 * also checked by a second means: the bytes the stand-in stored, hashed here or by sha256sum.
 */

let aws: AwsLocal
let dir: string
const saved = { ...process.env }

beforeAll(async () => {
  aws = await startAwsLocal()
})
afterAll(async () => {
  await aws.close()
})
beforeEach(() => {
  aws.reset()
  aws.service('s3').createBucket('releases')
  dir = mkdtempSync(join(tmpdir(), 's3-transfer-'))
  Object.assign(process.env, aws.env())
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
  process.env = { ...saved }
})

const settings = { region: 'us-east-1', maxAttempts: 3, action: 'test' }
const MiB = 1024 * 1024
const at = (uri: string) => parseS3Uri('uri', uri)

function file(name: string, bytes: Buffer): string {
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return path
}

const sha256sum = (path: string): string =>
  execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0]
const stored = (key: string): Buffer => {
  const object = aws.service('s3').getObject('releases', key)
  if (!object) throw new Error(`no object ${key}`)
  return object.body
}
const hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')
/** The CRC32 S3 writes (base64, big-endian), computed by zlib. */
const crcOf = (bytes: Buffer): string => {
  const out = Buffer.alloc(4)
  out.writeUInt32BE(crc32(bytes) >>> 0)
  return out.toString('base64')
}

describe('digestFile', () => {
  it('computes the SHA-256 sha256sum computes and the CRC-32 check value', async () => {
    const path = file('check', Buffer.from('123456789'))
    const digest = await digestFile(path)
    expect(digest).toEqual({
      size: 9,
      sha256: sha256sum(path),
      // CRC-32 (ISO-HDLC) of "123456789" is 0xCBF43926 (the catalogue's check value).
      crc32: Buffer.from('cbf43926', 'hex').toString('base64'),
    })
  })

  it.each([0, 1, 5 * 1024 * 1024, 11 * 1024 * 1024 + 3])(
    "combines the parts' CRC32s into the whole file's, as zlib computes it over the bytes (%i bytes)",
    async (bytes) => {
      const data = randomBytes(bytes)
      const path = file(`parts-${bytes}`, data)
      const digest = await digestFile(path, 5 * 1024 * 1024)
      const crc = (b: Buffer): string => {
        const out = Buffer.alloc(4)
        out.writeUInt32BE(crc32(b))
        return out.toString('base64')
      }
      expect(digest.crc32).toBe(crc(data))
      const parts = Array.from({ length: Math.ceil(bytes / (5 * 1024 * 1024)) }, (_, i) =>
        crc(data.subarray(i * 5 * 1024 * 1024, (i + 1) * 5 * 1024 * 1024)),
      )
      expect(digest.parts?.crc32 ?? []).toEqual(parts.length > 1 ? parts : [])
    },
  )

  it('stops when its signal is aborted, before or while it reads', async () => {
    const path = file('large', randomBytes(64 * 1024 * 1024))
    const before = new AbortController()
    before.abort(new Error('stopped before'))
    await expect(digestFile(path, undefined, before.signal)).rejects.toThrow('stopped before')
    const during = new AbortController()
    const digesting = digestFile(path, undefined, during.signal)
    during.abort(new Error('stopped while reading'))
    await expect(digesting).rejects.toThrow('stopped while reading')
    // Not aborted, the same file digests to what sha256sum says.
    expect((await digestFile(path)).sha256).toBe(sha256sum(path))
  })
})

describe('upload', () => {
  it('sends a small file in one PutObject with its SHA-256 in the metadata and a full-object CRC32', async () => {
    const path = file('app', randomBytes(100_000))
    const calls = new AwsCalls(settings)
    const s3 = await S3Transfer.connect(calls)
    const uploaded = await s3.upload(path, at('s3://releases/app/v1/app'), { metadata: { version: 'v1' } })

    expect(hex(stored('app/v1/app'))).toBe(sha256sum(path))
    expect(uploaded.sha256).toBe(sha256sum(path))
    const object = aws.service('s3').getObject('releases', 'app/v1/app')
    expect(object?.metadata).toEqual({ version: 'v1', [SHA256_METADATA]: sha256sum(path) })
    expect(object?.checksums.CRC32).toBe(uploaded.crc32)
    expect(calls.callCounts()).toEqual([['PutObject', 1]])
    expect(await s3.verify(at('s3://releases/app/v1/app'), uploaded)).toBeUndefined()
  })

  it('sends a large file in parallel parts, and S3 checks the whole object against the CRC32 sent at completion', async () => {
    const path = file('big', randomBytes(12 * 1024 * 1024 + 17))
    const calls = new AwsCalls(settings)
    const s3 = await S3Transfer.connect(calls)
    const uploaded = await s3.upload(path, at('s3://releases/big'), { partSize: 5 * 1024 * 1024 })

    expect(hex(stored('big'))).toBe(sha256sum(path))
    expect(calls.callsOf('UploadPart')).toBe(3)
    const complete = aws.callsOf('s3', 'CompleteMultipartUpload')
    expect(complete).toHaveLength(1)
    expect(complete[0].input?.ChecksumCRC32).toBe(uploaded.crc32)
    expect(complete[0].input?.ChecksumType).toBe('FULL_OBJECT')
    const object = aws.service('s3').getObject('releases', 'big')
    expect(object?.checksumType).toBe('FULL_OBJECT')
    expect(object?.checksums.CRC32).toBe(uploaded.crc32)
    expect(await s3.verify(at('s3://releases/big'), uploaded)).toBeUndefined()
    expect(aws.service('s3').pendingUploads()).toEqual([])
  })

  it('sends the parts on kept-alive connections, unsigned, without waiting for a 100 Continue on each', async () => {
    // A TCP relay in front of the stand-in counts the connections the client opens and reads
    // the request heads. The SDK sends a body over 2 MB with "Expect: 100-continue" on a new,
    // unshared connection each time (smithy-lang/smithy-typescript#1754): against S3 that is a
    // TLS handshake and a round trip per part.
    let connections = 0
    let expectContinue = 0
    let unsignedParts = 0
    const target = new URL(aws.url)
    const relay = createServer((client) => {
      connections++
      const upstream = connect(Number(target.port), target.hostname)
      client.on('data', (data: Buffer) => {
        const head = data.subarray(0, 4096).toString('latin1')
        if (/^expect: *100-continue/im.test(head)) expectContinue++
        if (/^PUT \S*partNumber=/.test(head) && /^x-amz-content-sha256: *UNSIGNED-PAYLOAD\r$/im.test(head))
          unsignedParts++
      })
      client.pipe(upstream).pipe(client)
      client.on('error', () => upstream.destroy())
      upstream.on('error', () => client.destroy())
    })
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve))
    try {
      process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`
      const path = file('big', randomBytes(8 * 5 * 1024 * 1024 + 3))
      const s3 = await S3Transfer.connect(new AwsCalls(settings))
      await s3.upload(path, at('s3://releases/big'), { partSize: 5 * 1024 * 1024, queueSize: 2 })

      expect(hex(stored('big'))).toBe(sha256sum(path))
      expect(aws.callsOf('s3', 'UploadPart')).toHaveLength(9)
      expect(expectContinue).toBe(0)
      // The parts go unsigned (their CRC32s checked instead), as the SDK sends a stream: signing
      // a Buffer body would hash it whole on the upload's thread.
      expect(unsignedParts).toBe(9)
      // Nine parts two at a time, plus CreateMultipartUpload and Complete: the pool's two sockets.
      expect(connections).toBeLessThanOrEqual(2)
    } finally {
      relay.close()
      relay.unref()
    }
  })

  it('is refused by S3 when the whole-object checksum does not match, leaving no object and no open upload', async () => {
    const path = file('big', randomBytes(11 * 1024 * 1024))
    const s3 = await S3Transfer.connect(new AwsCalls(settings))
    const wrong = { size: 11 * 1024 * 1024, sha256: 'x', crc32: Buffer.alloc(4).toString('base64') }
    await expect(
      s3.upload(path, at('s3://releases/big'), { partSize: 5 * 1024 * 1024, digest: wrong }),
    ).rejects.toThrow(/Failed to upload .* to s3:\/\/releases\/big/)
    expect(aws.service('s3').getObject('releases', 'big')).toBeUndefined()
    expect(aws.service('s3').pendingUploads()).toEqual([])
  })

  it.each([
    ['in one PutObject', 1000],
    ['in parts', 11 * 1024 * 1024],
  ])('refuses to overwrite an existing release when create-only, %s', async (_, size) => {
    aws.service('s3').putObject('releases', 'app/v1/app', 'the release already there')
    const path = file('app', randomBytes(size))
    const s3 = await S3Transfer.connect(new AwsCalls(settings))
    const upload = s3.upload(path, at('s3://releases/app/v1/app'), {
      createOnly: true,
      partSize: 5 * 1024 * 1024,
    })
    await expect(upload).rejects.toThrow(ConditionalWriteError)
    await expect(upload).rejects.toThrow(
      's3://releases/app/v1/app was created by someone else while this upload ran.',
    )
    expect(stored('app/v1/app').toString()).toBe('the release already there')
    expect(aws.service('s3').pendingUploads()).toEqual([])
  })

  it('labels a failure with what it attempted', async () => {
    const path = file('app', Buffer.from('x'))
    const s3 = await S3Transfer.connect(new AwsCalls(settings))
    await expect(s3.upload(path, at('s3://missing-bucket/app'))).rejects.toThrow(
      `Failed to upload ${path} to s3://missing-bucket/app: NoSuchBucket`,
    )
  })

  it('stops when the run is cancelled, and leaves no open multipart upload', async () => {
    const path = file('big', randomBytes(16 * 1024 * 1024))
    aws.delay('s3', 'UploadPart', 300)
    const controller = new AbortController()
    const s3 = await S3Transfer.connect(new AwsCalls(settings, controller.signal))
    setTimeout(() => controller.abort(new CancelledError('The run was cancelled (SIGTERM).')), 200)
    await expect(s3.upload(path, at('s3://releases/big'), { partSize: 5 * 1024 * 1024 })).rejects.toThrow(
      CancelledError,
    )
    aws.delay('s3', 'UploadPart', 0)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(aws.service('s3').getObject('releases', 'big')).toBeUndefined()
    expect(aws.service('s3').pendingUploads()).toEqual([])
  })
})

describe('multipart upload from ranges of the file', () => {
  /** The open multipart uploads of the bucket, asked of S3 itself. */
  const openUploads = async (): Promise<number> => {
    const client = new S3Client({ region: 'us-east-1', forcePathStyle: true })
    const out = await client.send(new ListMultipartUploadsCommand({ Bucket: 'releases' }))
    client.destroy()
    return out.Uploads?.length ?? 0
  }

  it('stores the file byte for byte, each part with the CRC32 of its own range', async () => {
    const bytes = randomBytes(2 * PART_SIZE + 12345)
    const path = file('big', bytes)
    const progress: number[] = []
    const calls = new AwsCalls(settings)
    const s3 = await S3Transfer.connect(calls)
    const uploaded = await s3.upload(path, at('s3://releases/big'), {
      digest: await digestFile(path),
      onProgress: (loaded) => progress.push(loaded),
    })

    expect(hex(stored('big'))).toBe(hex(bytes))
    const parts = aws.callsOf('s3', 'UploadPart').map((c) => c.input!)
    expect(parts.map((p) => p.PartNumber).sort()).toEqual([1, 2, 3])
    for (const part of parts) {
      const start = ((part.PartNumber as number) - 1) * PART_SIZE
      expect(part.ChecksumCRC32).toBe(crcOf(bytes.subarray(start, start + PART_SIZE)))
    }
    expect(uploaded.crc32).toBe(crcOf(bytes))
    expect(aws.service('s3').getObject('releases', 'big')?.checksums.CRC32).toBe(crcOf(bytes))
    expect(progress[progress.length - 1]).toBe(bytes.length)
    expect(new Map(calls.callCounts())).toEqual(
      new Map([
        ['CreateMultipartUpload', 1],
        ['UploadPart', 3],
        ['CompleteMultipartUpload', 1],
      ]),
    )
    expect(await openUploads()).toBe(0)
  })

  it('sends the CRC32s of the pre-pass, which S3 checks against the bytes (a wrong one fails the part)', async () => {
    const path = file('big', randomBytes(11 * MiB))
    const digest = await digestFile(path, 5 * MiB)
    digest.parts!.crc32[1] = Buffer.alloc(4).toString('base64')
    const s3 = await S3Transfer.connect(new AwsCalls(settings))
    await expect(s3.upload(path, at('s3://releases/big'), { partSize: 5 * MiB, digest })).rejects.toThrow(
      /Failed to upload .* to s3:\/\/releases\/big: BadDigest/,
    )
    expect(aws.service('s3').getObject('releases', 'big')).toBeUndefined()
    expect(aws.callsOf('s3', 'AbortMultipartUpload')).toHaveLength(1)
    expect(await openUploads()).toBe(0)
  })

  it('sends a part again after a 5xx or a broken connection, from its buffer or from a fresh read of its range', async () => {
    const bytes = randomBytes(11 * MiB)
    const path = file('big', bytes)
    aws.fault('s3', 'UploadPart', { kind: 'http5xx', status: 503, times: 1 })
    const s3 = await S3Transfer.connect(new AwsCalls(settings))
    await s3.upload(path, at('s3://releases/big'), { partSize: 5 * MiB })
    aws.fault('s3', 'UploadPart', { kind: 'reset', times: 1 })
    await s3.upload(path, at('s3://releases/again'), { partSize: 5 * MiB })
    // Streamed: 16 parts of 5 MiB in flight would hold more than the part buffers may.
    aws.fault('s3', 'UploadPart', { kind: 'reset', times: 1 })
    await s3.upload(path, at('s3://releases/streamed'), { partSize: 5 * MiB, queueSize: 16 })

    expect(hex(stored('big'))).toBe(hex(bytes))
    expect(hex(stored('again'))).toBe(hex(bytes))
    expect(hex(stored('streamed'))).toBe(hex(bytes))
    expect(aws.callsOf('s3', 'UploadPart').length).toBeGreaterThanOrEqual(10)
    expect(await openUploads()).toBe(0)
  })

  it('aborts the upload when a part fails for good, leaving no open upload and no object', async () => {
    const path = file('big', randomBytes(16 * MiB))
    aws.fault('s3', 'UploadPart', { kind: 'error', code: 'AccessDenied', status: 403, times: 1 })
    const s3 = await S3Transfer.connect(new AwsCalls(settings))
    await expect(s3.upload(path, at('s3://releases/big'), { partSize: 5 * MiB })).rejects.toThrow(
      /Failed to upload .* to s3:\/\/releases\/big: AccessDenied/,
    )
    expect(aws.callsOf('s3', 'CompleteMultipartUpload')).toHaveLength(0)
    expect(aws.callsOf('s3', 'AbortMultipartUpload')).toHaveLength(1)
    expect(aws.service('s3').getObject('releases', 'big')).toBeUndefined()
    expect(await openUploads()).toBe(0)
  })

  it.each([
    ['in parts', 16 * MiB],
    ['in one PutObject', 1000],
  ])(
    'creates no object when the check before committing fails (%s), leaving no open upload',
    async (_, size) => {
      const path = file('checked', randomBytes(size))
      const s3 = await S3Transfer.connect(new AwsCalls(settings))
      let checked = 0
      const beforeCommit = async () => {
        checked++
        throw new Error('the file is not the one declared')
      }
      await expect(
        s3.upload(path, at('s3://releases/checked'), { partSize: 5 * MiB, beforeCommit }),
      ).rejects.toThrow('the file is not the one declared')
      expect(checked).toBe(1)
      expect(aws.callsOf('s3', 'CompleteMultipartUpload')).toHaveLength(0)
      expect(aws.callsOf('s3', 'PutObject')).toHaveLength(0)
      expect(aws.service('s3').getObject('releases', 'checked')).toBeUndefined()
      expect(await openUploads()).toBe(0)
    },
  )

  /**
   * A 16 MiB upload with `operation` delayed 300 ms, cancelled as soon as the stand-in has
   * received CreateMultipartUpload (however long the pre-pass took); it must reject as cancelled.
   */
  async function cancelledUpload(operation: 'UploadPart' | 'CreateMultipartUpload'): Promise<void> {
    const path = file('big', randomBytes(16 * MiB))
    aws.delay('s3', operation, 300)
    const controller = new AbortController()
    const s3 = await S3Transfer.connect(new AwsCalls(settings, controller.signal))
    const poll = setInterval(() => {
      if (aws.callsOf('s3', 'CreateMultipartUpload').length === 0) return
      clearInterval(poll)
      controller.abort(new CancelledError('The run was cancelled (SIGTERM).'))
    }, 5)
    await expect(s3.upload(path, at('s3://releases/big'), { partSize: 5 * MiB })).rejects.toThrow(
      CancelledError,
    )
    aws.delay('s3', operation, 0)
  }

  it('aborts the upload when the run is cancelled mid-way', async () => {
    await cancelledUpload('UploadPart')
    expect(aws.callsOf('s3', 'AbortMultipartUpload')).toHaveLength(1)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(await openUploads()).toBe(0)
    expect(aws.service('s3').getObject('releases', 'big')).toBeUndefined()
  })

  it('aborts the upload it created when the run is cancelled while CreateMultipartUpload is on its way', async () => {
    await cancelledUpload('CreateMultipartUpload')
    expect(aws.callsOf('s3', 'UploadPart')).toHaveLength(0)
    expect(aws.callsOf('s3', 'AbortMultipartUpload')).toHaveLength(1)
    expect(await openUploads()).toBe(0)
  })
})

describe('digestFile parts', () => {
  it("computes each part's CRC32 in the same read as the whole file's", async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 5)
    const path = file('parts', bytes)
    const digest = await digestFile(path, 1024 * 1024 + 3)
    const size = 1024 * 1024 + 3
    expect(digest.parts).toEqual({
      partSize: size,
      crc32: [0, 1, 2].map((i) => crcOf(bytes.subarray(i * size, (i + 1) * size))),
    })
    expect(digest.crc32).toBe(crcOf(bytes))
    expect(digest.sha256).toBe(hex(bytes))
  })

  const declared = async (path: string) => declaredDigest(path, hex(readFileSync(path)))
  const otherParts = async (path: string) => digestFile(path, 6 * MiB)
  // 16 parts of 5 MiB in flight would hold 80 MiB of part buffers: those parts are streamed.
  it.each([
    ['only declared', declared, 8],
    ['read for other parts', otherParts, 8],
    ['only declared, its parts streamed from their ranges', declared, 16],
    ['read for other parts, its parts streamed from their ranges', otherParts, 16],
  ])(
    "computes each part's CRC32 as it is sent when the digest is %s, and the whole object's from them",
    async (_, given, queueSize) => {
      const bytes = randomBytes(12 * MiB + 9)
      const path = file('declared', bytes)
      const s3 = await S3Transfer.connect(new AwsCalls(settings))
      const uploaded = await s3.upload(path, at('s3://releases/declared'), {
        digest: await given(path),
        partSize: 5 * MiB,
        queueSize,
      })
      // Checked by other means: zlib over the stored bytes and over each part's range, and the
      // stand-in's own full-object CRC32 (combined from the parts it received).
      expect(stored('declared').equals(bytes)).toBe(true)
      expect(uploaded.crc32).toBe(crcOf(bytes))
      expect(uploaded.parts).toEqual({
        partSize: 5 * MiB,
        crc32: [0, 1, 2].map((i) => crcOf(bytes.subarray(i * 5 * MiB, (i + 1) * 5 * MiB))),
      })
      expect(aws.service('s3').getObject('releases', 'declared')?.checksums.CRC32).toBe(crcOf(bytes))
      expect(aws.callsOf('s3', 'UploadPart').map((c) => c.input?.ChecksumCRC32)).toEqual(
        expect.arrayContaining(uploaded.parts!.crc32),
      )
      expect(await s3.verify(at('s3://releases/declared'), uploaded)).toBeUndefined()
    },
  )
})

describe('compare', () => {
  it('tells an absent, identical or different object from its HEAD', async () => {
    const path = file('app', Buffer.from('release one'))
    const s3 = await S3Transfer.connect(new AwsCalls(settings))
    const digest = await digestFile(path)
    expect(S3Transfer.compare(await s3.head(at('s3://releases/app')), digest)).toBe('absent')
    await s3.upload(path, at('s3://releases/app'))
    expect(S3Transfer.compare(await s3.head(at('s3://releases/app')), digest)).toBe('same')
    const other = await digestFile(file('other', Buffer.from('release two')))
    expect(S3Transfer.compare(await s3.head(at('s3://releases/app')), other)).toBe('different')
  })
})

describe('download', () => {
  it('writes the object to a file and returns the SHA-256 it checked', async () => {
    const path = file('app', randomBytes(50_000))
    const s3 = await S3Transfer.connect(new AwsCalls(settings))
    await s3.upload(path, at('s3://releases/app'))
    const target = join(dir, 'downloaded')
    expect(await s3.download(at('s3://releases/app'), target)).toBe(sha256sum(path))
    expect(readFileSync(target).equals(readFileSync(path))).toBe(true)
  })

  it('refuses an object whose bytes do not match the SHA-256 in its metadata', async () => {
    aws.service('s3').putObject('releases', 'app', Buffer.from('tampered'), {
      metadata: { sha256: hex(Buffer.from('original')) },
    })
    const s3 = await S3Transfer.connect(new AwsCalls(settings))
    await expect(s3.download(at('s3://releases/app'), join(dir, 'x'))).rejects.toThrow(
      'does not match the SHA-256 recorded when it was uploaded',
    )
  })

  it('answers undefined for a missing object', async () => {
    const s3 = await S3Transfer.connect(new AwsCalls(settings))
    expect(await s3.download(at('s3://releases/nothing'), join(dir, 'x'))).toBeUndefined()
    expect(await s3.getText(at('s3://releases/nothing'))).toBeUndefined()
    expect(await s3.head(at('s3://releases/nothing'))).toBeUndefined()
  })
})

describe('pointer writes', () => {
  it('move a pointer only from the ETag read before', async () => {
    const s3 = await S3Transfer.connect(new AwsCalls(settings))
    const pointer = at('s3://releases/app/latest.txt')
    const created = await s3.putText(pointer, 'v1\n', { createOnly: true })
    const read = await s3.getText(pointer)
    expect(read).toEqual({ text: 'v1\n', etag: created.etag })

    await s3.putText(pointer, 'v2\n', { ifMatch: created.etag })
    expect(stored('app/latest.txt').toString()).toBe('v2\n')

    // Another run moved it meanwhile: the stale ETag loses, and the other run's value stays.
    const stale = s3.putText(pointer, 'v3\n', { ifMatch: created.etag })
    await expect(stale).rejects.toThrow(ConditionalWriteError)
    await expect(stale).rejects.toThrow('was changed by someone else since it was read')
    expect(stored('app/latest.txt').toString()).toBe('v2\n')
  })

  it('refuse to create a pointer that exists', async () => {
    const s3 = await S3Transfer.connect(new AwsCalls(settings))
    const pointer = at('s3://releases/app/latest.txt')
    await s3.putText(pointer, 'v1\n')
    await expect(s3.putText(pointer, 'v9\n', { createOnly: true })).rejects.toThrow(ConditionalWriteError)
    expect(stored('app/latest.txt').toString()).toBe('v1\n')
  })

  it('retry a 409 ConditionalRequestConflict, as S3 says to', async () => {
    const s3 = await S3Transfer.connect(new AwsCalls(settings))
    const pointer = at('s3://releases/app/latest.txt')
    const { etag } = await s3.putText(pointer, 'v1\n')
    aws.service('s3').conflictNextConditionalWrite('releases', 'app/latest.txt')
    await s3.putText(pointer, 'v2\n', { ifMatch: etag })
    expect(stored('app/latest.txt').toString()).toBe('v2\n')
    expect(aws.callsOf('s3', 'PutObject').map((c) => c.status)).toEqual([200, 409, 200])
  })
})

describe('bucket checks', () => {
  it('name a missing bucket and check writability without leaving anything behind', async () => {
    const s3 = await S3Transfer.connect(new AwsCalls(settings))
    expect(await s3.bucketProblem('releases')).toBeUndefined()
    expect(await s3.bucketProblem('nope-bucket')).toBe('the bucket nope-bucket does not exist')
    expect(await s3.writeProblem(at('s3://releases/app/v1/app'))).toBeUndefined()
    expect(aws.service('s3').listKeys('releases')).toEqual([])
    expect(aws.service('s3').pendingUploads()).toEqual([])
  })
})
