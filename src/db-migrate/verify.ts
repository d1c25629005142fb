import type { Logger } from '../common/log'
import {
  checksumRows,
  close,
  connect,
  countRows,
  importSnapshot,
  objectCounts,
  sequenceValues,
  STABLE_OUTPUT,
  type Db,
  type ObjectCounts,
  type SequenceValue,
} from './db'
import type { VerifyLevel } from './inputs'
import type { DatabaseUrl } from './url'

/** One side's measurements: what the source held in the snapshot, or what the target holds now. */
export interface Measurement {
  tables: Record<string, { rows: number; checksum?: string }>
  objects: ObjectCounts
  sequences: SequenceValue[]
}

export interface TableVerdict {
  source: number
  target: number
  checksum?: 'match' | 'differs'
  ok: boolean
}

export interface Verification {
  level: VerifyLevel
  tables: Record<string, TableVerdict>
  objects: Array<{ kind: string; source: number; target: number; ok: boolean }>
  sequences: Array<{ name: string; source: string; target?: string; ok: boolean }>
  /** One sentence per mismatch, naming the table, sequence or kind of object. */
  failures: string[]
}

export interface MeasureOptions {
  url: DatabaseUrl
  /** Source: the exported snapshot every session reads in. */
  snapshot?: string
  tables: Array<{ schema: string; name: string }>
  /** The tables whose indexes, constraints and triggers are counted (default: `tables`). */
  objectTables?: Array<{ schema: string; name: string }>
  schemas?: string[]
  level: VerifyLevel
  jobs: number
  logger: Logger
  signal: AbortSignal
}

/** Counts (and hashes) every table on one side, over up to `jobs` sessions. */
export async function measure(options: MeasureOptions): Promise<Measurement> {
  const sessions: Db[] = []
  try {
    const count = Math.max(1, Math.min(options.jobs, options.tables.length))
    for (let i = 0; i < count; i++) {
      const db = await connect(options.url, { logger: options.logger, signal: options.signal })
      sessions.push(db)
      if (options.snapshot) await importSnapshot(db, options.snapshot)
      await db.query(STABLE_OUTPUT)
    }
    const tables: Measurement['tables'] = {}
    const queue = [...options.tables]
    await Promise.all(
      sessions.map(async (db) => {
        for (let table = queue.shift(); table; table = queue.shift()) {
          const key = `${table.schema}.${table.name}`
          tables[key] =
            options.level === 'checksums'
              ? await checksumRows(db, table.schema, table.name)
              : { rows: await countRows(db, table.schema, table.name) }
        }
      }),
    )
    const objects = await objectCounts(sessions[0], options.objectTables ?? options.tables, options.schemas)
    const sequences = await sequenceValues(sessions[0])
    return { tables, objects, sequences }
  } finally {
    await Promise.all(sessions.map((db) => close(db)))
  }
}

/** Compares the two sides. Pure. */
export function compare(level: VerifyLevel, source: Measurement, target: Measurement): Verification {
  const failures: string[] = []
  const tables: Verification['tables'] = {}
  for (const [name, s] of Object.entries(source.tables)) {
    const t = target.tables[name]
    const verdict: TableVerdict = { source: s.rows, target: t?.rows ?? 0, ok: true }
    if (!t) {
      verdict.ok = false
      failures.push(`Table ${name} is missing on the target.`)
    } else if (t.rows !== s.rows) {
      verdict.ok = false
      failures.push(`Table ${name} has ${t.rows} rows on the target but ${s.rows} on the source.`)
    } else if (level === 'checksums') {
      verdict.checksum = t.checksum === s.checksum ? 'match' : 'differs'
      if (verdict.checksum === 'differs') {
        verdict.ok = false
        failures.push(
          `Table ${name} has the same ${s.rows} rows count on both sides but different contents (checksum).`,
        )
      }
    }
    tables[name] = verdict
  }
  const objects = (Object.keys(source.objects) as Array<keyof ObjectCounts>)
    .filter((kind) => source.objects[kind] !== undefined)
    .map((kind) => {
      const s = source.objects[kind] as number
      const t = target.objects[kind] ?? 0
      if (s !== t) failures.push(`The target has ${t} ${kind} where the source has ${s}.`)
      return { kind, source: s, target: t, ok: s === t }
    })
  const targetSeqs = new Map(target.sequences.map((q) => [`${q.schema}.${q.name}`, q]))
  const sequences = source.sequences.map((q) => {
    const name = `${q.schema}.${q.name}`
    const t = targetSeqs.get(name)
    // Sequences are not transactional: the target must be at least where the source was when the copy began.
    const ok = t !== undefined && sequencePosition(t) >= sequencePosition(q)
    if (!ok)
      failures.push(
        t
          ? `Sequence ${name} is at ${t.lastValue} on the target, behind the source's ${q.lastValue}.`
          : `Sequence ${name} is missing on the target.`,
      )
    return { name, source: q.lastValue, target: t?.lastValue, ok }
  })
  return { level, tables, objects, sequences, failures }
}

function sequencePosition(seq: SequenceValue): bigint {
  return BigInt(seq.lastValue) - (seq.isCalled ? 0n : 1n)
}

/** The `verification` output: per table, the counts on both sides and the verdict. */
export function verificationJson(verification: Verification | undefined): string {
  return JSON.stringify(verification?.tables ?? {})
}
