import { memoryLogger } from '../common/log'
import type { BackupInputs, CopyInputs } from './inputs'
import { logVerification, outputs, type Report } from './report'
import { verificationSentence, type Measurement, type Verification } from './verify'

const inputs = { mode: 'backup', verify: 'checksums' } as BackupInputs

/** What a backup's manifest records: two partitions, their partitioned table, and one ordinary table. */
const recorded: Measurement = {
  tables: {
    'shop.orders': { rows: 10, checksum: '111' },
    'shop.events': { rows: 7, checksum: '222', tree: true },
    'shop.events_2024': { rows: 3, checksum: '333' },
    'shop.events_2025': { rows: 4, checksum: '444' },
  },
  objects: { tables: 4, indexes: 0, constraints: 0, triggers: 0 },
  sequences: [],
}

describe('outputs', () => {
  it('backup: the tables, rows and per-table values the manifest records; a tree counts its partitions once', () => {
    const report: Report = { inputs, warnings: [], startedAt: Date.now(), recorded }
    const out = outputs(report)
    expect(out.tables).toBe('3')
    expect(out.rows).toBe('17')
    expect(JSON.parse(out.verification)).toEqual(recorded.tables)
  })

  it('counts the same tables from a verification', () => {
    const verification: Verification = {
      level: 'counts',
      tables: {
        'shop.events': { source: 7, target: 7, ok: true, tree: true },
        'shop.events_2024': { source: 3, target: 3, ok: true },
        'shop.events_2025': { source: 4, target: 4, ok: true },
      },
      objects: [{ kind: 'triggers', source: 1, target: 1, ok: true }],
      sequences: [{ name: 'shop.s', source: '1', target: '1', ok: true }],
      failures: [],
    }
    const out = outputs({
      inputs: { mode: 'copy', verify: 'counts' } as CopyInputs,
      warnings: [],
      startedAt: Date.now(),
      verification,
    })
    expect([out.tables, out.rows]).toEqual(['2', '7'])
    const logger = memoryLogger()
    logVerification(verification, logger)
    expect(logger.lines).toEqual([
      '2 of 2 tables match (rows), 1 of 1 partitioned table as a whole; 1 of 1 sequence caught up; objects on the target against the source: triggers 1/1',
    ])
  })
})

describe('verificationSentence', () => {
  it('says the first three mismatches in one sentence, then how many more', () => {
    expect(verificationSentence(['Table a has 1 row on the target but 2 on the source.'])).toBe(
      'Verification failed: Table a has 1 row on the target but 2 on the source.',
    )
    expect(
      verificationSentence([
        'Table a is missing on the target.',
        'The target has 1 trigger where the source has 0.',
        'Sequence s is missing on the target.',
        'Table b is missing on the target.',
        'Table c is missing on the target.',
      ]),
    ).toBe(
      'Verification failed: Table a is missing on the target; the target has 1 trigger where the source has 0; sequence s is missing on the target; and 2 more.',
    )
  })
})
