import type { S3Location } from '../common/inputs'
import type { OwnedObject } from './access'
import type { DatabaseProperties } from './db'
import type { VerifyLevel } from './inputs'
import type { SourceFacts } from './plan'
import type { CountedTable, Measurement, Relation } from './verify'

/**
 * Backup writes a custom-format dump taken in one exported snapshot, and beside it a manifest
 * of what the source held in that snapshot (per-table counts or checksums, sequences, object
 * counts); restore replays the dump with the same strategies as copy and verifies the target
 * against that manifest.
 */
export interface Manifest {
  /**
   * 4: as 3, with the row-level security counts among the object counts (policies, tables
   * enabling and forcing it); 3: as 2, with `dumpSha256`; 2: checksums are `hashtext` ones (the
   * measurement's `rowHash`); 1: MD5-based (see `ROW_HASHES`). Restore reads all four, and
   * refuses a newer one, whose records it could misread.
   */
  format: 1 | 2 | 3 | 4
  createdAt: string
  /**
   * The SHA-256 (hex) of the dump file this manifest describes, which restore checks before
   * anything is restored, so that a dump is never verified against another dump's manifest
   * (absent from manifests of format 1 and 2).
   */
  dumpSha256?: string
  source: SourceFacts
  level: VerifyLevel
  /** The tables counted (see `countedTables`; `tree` and `routed` are absent from older manifests). */
  tables: CountedTable[]
  objectTables: Array<{ schema: string; name: string }>
  schemas?: string[]
  measurement?: Measurement
  /** The relations the dump creates, which verification looks for on the target. */
  relations?: Relation[]
  /** The owners of the dump's objects on the source (the archive's ACL entries hold the grants). */
  owners?: OwnedObject[]
  /** The source database's comment and settings, which a dump without --create leaves out. */
  database?: DatabaseProperties
}

/** The newest manifest format, the one backup writes. */
export const MANIFEST_FORMAT = 4

/** The manifest file beside a dump file. */
export const manifestOf = (path: string): string => `${path}.manifest.json`
/** The manifest object beside a dump in S3. */
export const manifestLocation = (s3: S3Location): S3Location => ({
  ...s3,
  key: `${s3.key}.manifest.json`,
  uri: `${s3.uri}.manifest.json`,
})
