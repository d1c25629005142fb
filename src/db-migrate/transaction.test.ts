import { Readable } from 'node:stream'
import { UserError } from '../common/errors'
import { checkFrom, verificationBlock, type InTransactionCheck } from './check'
import { HoldCommit } from './hold-commit'
import { MISMATCH_PREFIX, parsePsqlLine } from './psql-messages'
import { quoteLiteral } from './sql'

async function through(chunks: string[]): Promise<{ out: string; rest: string }> {
  const hold = new HoldCommit()
  let out = ''
  hold.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
  await new Promise<void>((resolve, reject) => {
    hold.once('end', resolve)
    hold.once('error', reject)
    Readable.from(chunks.map((c) => Buffer.from(c))).pipe(hold)
  })
  return { out, rest: hold.rest }
}

const SCRIPT_HEAD = `--\n-- PostgreSQL database dump\n--\n\n\\restrict abc\n\nBEGIN;\n\nSET client_min_messages = warning;\n`
const SCRIPT_TAIL = `\nCOMMIT;\n\n--\n-- PostgreSQL database dump complete\n--\n\n\\unrestrict abc\n\n`

describe("holding back the script's COMMIT", () => {
  it('passes everything but the final COMMIT and keeps what follows it', async () => {
    const data = `COPY public.t (id, s) FROM stdin;\n1\tCOMMIT;\n\\.\n\n`
    const { out, rest } = await through([SCRIPT_HEAD, data, SCRIPT_TAIL])
    expect(out).toBe(`${SCRIPT_HEAD}${data}\n`)
    expect(out).not.toMatch(/^COMMIT;$/m)
    expect(rest).toBe('\n--\n-- PostgreSQL database dump complete\n--\n\n\\unrestrict abc\n\n')
  })

  it('streams a large script through, split anywhere, holding back only its end', async () => {
    const body = 'INSERT INTO t VALUES (1);\n'.repeat(20_000)
    const whole = `${SCRIPT_HEAD}${body}${SCRIPT_TAIL}`
    const chunks: string[] = []
    for (let i = 0; i < whole.length; i += 7777) chunks.push(whole.slice(i, i + 7777))
    const { out } = await through(chunks)
    expect(out).toBe(`${SCRIPT_HEAD}${body}\n`)
  })

  it('refuses a script that stops early or has statements after its COMMIT', async () => {
    await expect(through([SCRIPT_HEAD, 'COPY public.t (id) FROM stdin;\n1\n'])).rejects.toThrow(
      'does not end with the transaction',
    )
    await expect(through([SCRIPT_HEAD, '\nCOMMIT;\nDROP TABLE t;\n'])).rejects.toThrow(
      'does not end with the transaction',
    )
  })
})

describe('the verification block', () => {
  const check: InTransactionCheck = {
    level: 'checksums',
    rowHash: 'hashtext',
    tables: [
      { schema: 'shop', name: 'orders', rows: 10_000, checksum: '123456789012345678901' },
      { schema: `we"ird $db_migrate_n0nce$ 'x'`, name: 'back\\slash', rows: 0, checksum: '0' },
    ],
    sequences: [{ schema: 'shop', name: 'orders_id_seq', lastValue: '10000', isCalled: true }],
    objects: { tables: 2, indexes: 3, constraints: 4, triggers: 1 },
  }

  it('embeds names as literals and numbers as numbers, under a dollar tag no name contains', () => {
    const sql = verificationBlock(check, 'n0nce')
    const tag = /^DO (\$[a-z_0-9]+\$)/.exec(sql)?.[1] as string
    expect(tag).toBeDefined()
    expect(tag).not.toBe('$db_migrate_n0nce$')
    // The block is the tag, a body without the tag, and the tag.
    expect(sql.split(tag)).toHaveLength(3)
    expect(sql).toContain(
      `('shop', 'orders', 'shop.orders', 10000::numeric, 123456789012345678901::numeric, NULL::text, false, false)`,
    )
    expect(sql).toContain(
      `('we"ird $db_migrate_n0nce$ ''x''', E'back\\\\slash', E'"we""ird $db_migrate_n0nce$ ''x''"."back\\\\slash"', 0::numeric, 0::numeric, NULL::text, false, false)`,
    )
    expect(sql).toContain(`('shop', 'orders_id_seq', 'shop.orders_id_seq', 10000::numeric - 0)`)
    // The checksum the expected values were computed with; a format 1 manifest's are MD5-based.
    expect(sql).toContain('hashtextextended(t::text, 0)')
    expect(verificationBlock({ ...check, rowHash: 'md5' }, 'n0nce')).toContain('md5(t::text)')
    expect(sql).toContain('FROM ONLY %I.%I t')
    expect(sql).toContain(quoteLiteral(`${MISMATCH_PREFIX} `))
    expect(sql).toContain('IF counts.indexes <> 3 THEN')
    expect(sql).not.toContain('counts.views')
  })

  it('refuses values that are not numbers, so nothing but a number reaches the SQL', () => {
    const bad =
      (over: Partial<InTransactionCheck>): (() => string) =>
      () =>
        verificationBlock({ ...check, ...over }, 'n')
    expect(bad({ tables: [{ schema: 's', name: 't', rows: 1, checksum: '1); DROP TABLE x; --' }] })).toThrow(
      UserError,
    )
    expect(bad({ tables: [{ schema: 's', name: 't', rows: 1.5 }] })).toThrow(UserError)
    expect(bad({ sequences: [{ schema: 's', name: 'q', lastValue: '1 OR true', isCalled: false }] })).toThrow(
      UserError,
    )
    // Unknown kinds of objects (a tampered manifest) are never turned into SQL.
    const objects = { tables: 1, indexes: 0, constraints: 0, triggers: 0, 'x; DROP': 1 } as never
    expect(verificationBlock({ ...check, objects }, 'n')).not.toContain('DROP')
  })

  it('quotes literals the way quote_literal does', () => {
    expect(quoteLiteral("it's")).toBe(`'it''s'`)
    expect(quoteLiteral('a\\b')).toBe(`E'a\\\\b'`)
    expect(() => quoteLiteral('a\0b')).toThrow('NUL')
  })

  it('takes the expected values from a measurement, refusing a table it lacks', () => {
    const measured = {
      tables: { 'shop.orders': { rows: 5, checksum: '9' } },
      objects: { tables: 1, indexes: 1, constraints: 1, triggers: 0 },
      sequences: [],
    }
    expect(checkFrom('counts', [{ schema: 'shop', name: 'orders' }], measured, {}).tables).toEqual([
      { schema: 'shop', name: 'orders', rows: 5, checksum: '9' },
    ])
    expect(() => checkFrom('counts', [{ schema: 'shop', name: 'gone' }], measured, {})).toThrow(
      'nothing for table shop.gone',
    )
  })
})

describe("psql's stderr", () => {
  it('reads server errors, warnings and client errors', () => {
    expect(parsePsqlLine('psql:<stdin>:42: ERROR:  must be owner of extension plpgsql')).toEqual({
      kind: 'error',
      message: 'must be owner of extension plpgsql',
      line: 42,
    })
    expect(parsePsqlLine('psql:<stdin>:9: WARNING:  db-migrate abc ready to commit 731')).toEqual({
      kind: 'warning',
      message: 'db-migrate abc ready to commit 731',
    })
    expect(
      parsePsqlLine('psql: error: connection to server at "127.0.0.1", port 1 failed: Connection refused'),
    ).toMatchObject({ kind: 'error', message: expect.stringContaining('Connection refused') })
    expect(parsePsqlLine('CONTEXT:  PL/pgSQL function inline_code_block line 40 at RAISE')).toEqual({
      kind: 'other',
    })
  })
})
