import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CancelledError } from './errors'
import { memoryLogger } from './log'
import { ProcessError, runProcess, shellQuote, spawnProcess } from './process'
import { clearSecrets } from './secrets'

afterEach(clearSecrets)

const node = process.execPath

describe('runProcess', () => {
  it('streams stdout and stderr lines as they come', async () => {
    const out: string[] = []
    const err: string[] = []
    await runProcess(node, ['-e', 'console.log("one"); console.error("warn"); console.log("two\\nthree")'], {
      onStdoutLine: (l) => out.push(l),
      onStderrLine: (l) => err.push(l),
    })
    expect(out).toEqual(['one', 'two', 'three'])
    expect(err).toEqual(['warn'])
  })

  it('passes secrets through the environment only, and masks them in what it logs', async () => {
    const logger = memoryLogger()
    const lines: string[] = []
    await runProcess(
      node,
      ['-e', 'console.log(process.env.PGPASSWORD); console.log(process.argv.join(" "))'],
      {
        secretEnv: { PGPASSWORD: 'hunter2-secret' },
        logger,
        onStdoutLine: (l) => lines.push(l),
      },
    )
    expect(lines[0]).toBe('hunter2-secret')
    expect(lines[1]).not.toContain('hunter2-secret')
    expect(logger.lines.join('\n')).not.toContain('hunter2-secret')
    expect(logger.lines[0]).toMatch(/^\$ .*node -e /)
  })

  it('fails with the exit code and the last lines of stderr', async () => {
    const error = await runProcess(node, [
      '-e',
      'console.error("pg_dump: error: server version mismatch"); process.exit(3)',
    ]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProcessError)
    expect((error as ProcessError).result.exitCode).toBe(3)
    expect((error as Error).message).toMatch(/exited with code 3: pg_dump: error: server version mismatch$/)
  })

  it('reports a tool that is not installed', async () => {
    const error = await runProcess('definitely-not-a-tool-xyz', ['--version']).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProcessError)
    expect((error as Error).message).toContain('ENOENT')
  })

  it('stops a tool that runs past its time limit', async () => {
    const error = await runProcess(node, ['-e', 'setTimeout(() => {}, 60000)'], {
      timeoutMs: 200,
      graceMs: 200,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProcessError)
    expect((error as ProcessError).result.timedOut).toBe(true)
  })

  it('forwards cancellation as an interrupt and waits for the tool to clean up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'process-test-'))
    const marker = join(dir, 'cleaned-up')
    const script = `
      process.on('SIGINT', () => {
        setTimeout(() => { require('fs').writeFileSync(${JSON.stringify(marker)}, 'yes'); process.exit(130) }, 300)
      })
      console.log('ready')
      setInterval(() => {}, 1000)
    `
    const controller = new AbortController()
    const run = runProcess(node, ['-e', script], {
      signal: controller.signal,
      graceMs: 5000,
      onStdoutLine: (line) => {
        if (line === 'ready') controller.abort(new CancelledError('The run was cancelled (SIGINT).'))
      },
    })
    await expect(run).rejects.toThrow('The run was cancelled (SIGINT).')
    expect(existsSync(marker)).toBe(true)
    expect(readFileSync(marker, 'utf8')).toBe('yes')
    rmSync(dir, { recursive: true, force: true })
  })

  it('escalates to SIGTERM when the tool ignores the interrupt', async () => {
    const controller = new AbortController()
    const handle = spawnProcess(
      node,
      ['-e', 'process.on("SIGINT", () => {}); console.log("ready"); setInterval(() => {}, 1000)'],
      {
        signal: controller.signal,
        graceMs: 200,
        onStdoutLine: () => controller.abort(),
      },
    )
    const result = await handle.done
    expect(result.cancelled).toBe(true)
    expect(result.signal).toBe('SIGTERM')
  })

  it('lets the caller pipe stdout into another tool', async () => {
    const producer = spawnProcess(node, ['-e', 'for (let i = 0; i < 1000; i++) console.log("row " + i)'], {
      pipeStdout: true,
    })
    const lines: string[] = []
    const consumer = spawnProcess(
      node,
      ['-e', 'let n = 0; process.stdin.on("data", d => n += d.length).on("end", () => console.log(n))'],
      {
        stdin: producer.stdout,
        onStdoutLine: (l) => lines.push(l),
      },
    )
    const [a, b] = await Promise.all([producer.done, consumer.done])
    expect(a.exitCode).toBe(0)
    expect(b.exitCode).toBe(0)
    expect(Number(lines[0])).toBe(Array.from({ length: 1000 }, (_, i) => `row ${i}\n`).join('').length)
  })

  it('lets the producer finish when the tool reading its output exits early (as pg_restore --list does)', async () => {
    // 8 MiB: far more than the pipes and the stream's buffer hold, so without the rest being
    // discarded the producer would block on a full pipe once its reader is gone, for ever.
    const producer = spawnProcess(node, ['-e', 'process.stdout.write(Buffer.alloc(8 << 20, 97))'], {
      pipeStdout: true,
    })
    const consumer = spawnProcess('head', ['-c', '1'], { stdin: producer.stdout, pipeStdout: true })
    consumer.stdout.resume()
    const settled = await Promise.race([
      Promise.all([producer.done, consumer.done]),
      new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 10_000).unref()),
    ])
    if (settled === 'hung') producer.child.kill('SIGKILL')
    expect(settled).not.toBe('hung')
    const [, read] = settled as [unknown, { exitCode: number }]
    expect(read.exitCode).toBe(0)
  })
})

describe('shellQuote', () => {
  it('quotes only what needs quoting', () => {
    expect(shellQuote('--jobs=4')).toBe('--jobs=4')
    expect(shellQuote("it's a test")).toBe(`'it'\\''s a test'`)
    expect(shellQuote('')).toBe("''")
    expect(shellQuote('$(rm -rf /)')).toBe("'$(rm -rf /)'")
  })
})
