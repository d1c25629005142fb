import { UserError } from '../common/errors'
import {
  BUILD_MEMORY,
  buildSettings,
  indexBuildMemory,
  indexBuildSettings,
  restoreMemory,
  chooseStrategy,
  formatBytes,
  plan,
  type Facts,
  type SourceFacts,
  type TargetFacts,
} from './plan'

const source: SourceFacts = {
  display: 'reader@src:5432/app',
  version: '15.4',
  major: 15,
  databaseBytes: 100 << 20,
  extensions: [{ name: 'postgis', version: '3.4.0' }],
  allTables: 12,
  selectedTables: 12,
  dataBytes: 80 << 20,
  largeObjects: 0,
}
const emptyTarget: TargetFacts = {
  display: 'migrator@tgt:5432/app',
  database: 'app',
  version: '16.1',
  major: 16,
  objects: [],
  objectCount: 0,
  availableExtensions: ['plpgsql', 'postgis'],
  canCreateDatabase: true,
  maintenanceWorkMem: 64 << 20,
  encoding: 'UTF8',
  walLevel: 'replica',
  tempFileLimit: -1,
}
const busyTarget: TargetFacts = {
  ...emptyTarget,
  objects: ['table public.a', 'table public.b', 'view public.c'],
  objectCount: 5,
}
const facts = (over: Partial<Facts> = {}): Facts => ({
  mode: 'copy',
  strategy: 'auto',
  clean: false,
  verify: 'counts',
  jobs: 4,
  source,
  target: emptyTarget,
  clientVersion: '16.1',
  stamp: '20250102030405',
  ...over,
})

function refusal(f: Facts): string {
  try {
    plan(f)
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return (error as Error).message
  }
  throw new Error('expected a refusal')
}

describe('strategy', () => {
  it('auto: direct into an empty target, one transaction to replace a non-empty one with clean', () => {
    expect(chooseStrategy({ strategy: 'auto', clean: false }, emptyTarget)).toBe('direct')
    expect(chooseStrategy({ strategy: 'auto', clean: true }, emptyTarget)).toBe('direct')
    expect(chooseStrategy({ strategy: 'auto', clean: true }, busyTarget)).toBe('transaction')
    expect(chooseStrategy({ strategy: 'swap', clean: false }, busyTarget)).toBe('swap')
  })

  it('refuses a non-empty target without clean or swap, naming what is there', () => {
    expect(refusal(facts({ target: busyTarget }))).toBe(
      "The target database app is not empty (table public.a, table public.b, view public.c and 2 more); set 'clean: true' to replace its objects in one transaction, or 'strategy: swap' to restore beside it and swap it in.",
    )
    expect(refusal(facts({ target: busyTarget, strategy: 'direct', clean: true }))).toMatch(
      /use 'strategy: transaction' or 'strategy: swap'/,
    )
    expect(refusal(facts({ target: busyTarget, strategy: 'transaction' }))).toMatch(
      /set 'clean: true' to replace its objects, or use 'strategy: swap'/,
    )
  })

  it('swap needs CREATEDB and names the databases it will use', () => {
    expect(
      refusal(facts({ strategy: 'swap', target: { ...emptyTarget, canCreateDatabase: false } })),
    ).toMatch(/grant it CREATEDB/)
    const result = plan(facts({ strategy: 'swap', target: busyTarget }))
    expect(result.incomingDatabase).toBe('app_incoming_20250102030405')
    expect(result.previousDatabase).toBe('app_previous_20250102030405')
    expect(result.steps.at(-1)).toBe(
      'rename app to app_previous_20250102030405 and app_incoming_20250102030405 to app',
    )
  })

  it('keeps swap names within 63 bytes', () => {
    const long = { ...emptyTarget, database: 'x'.repeat(60) }
    const result = plan(facts({ strategy: 'swap', target: long }))
    expect(Buffer.byteLength(result.incomingDatabase as string)).toBe(63)
    expect(result.incomingDatabase).toMatch(/_incoming_20250102030405$/)
  })
})

describe('pre-flight refusals', () => {
  it('refuses an extension the target does not offer', () => {
    expect(refusal(facts({ target: { ...emptyTarget, availableExtensions: ['plpgsql'] } }))).toBe(
      'The source uses an extension the target server does not offer (postgis 3.4.0); install it on the target server (pg_available_extensions) before migrating.',
    )
  })

  it('refuses a selection that matches no table, and large objects in a copy', () => {
    expect(refusal(facts({ source: { ...source, selectedTables: 0 } }))).toMatch(
      /^The selection matches none of the source's 12 tables/,
    )
    expect(refusal(facts({ source: { ...source, largeObjects: 3 } }))).toMatch(/3 large objects/)
  })

  it('refuses a backup that cannot fit and warns when it may not', () => {
    expect(refusal(facts({ mode: 'backup', target: undefined, freeDiskBytes: 10 << 20 }))).toMatch(
      /^The runner has 10.0 MiB free/,
    )
    expect(plan(facts({ mode: 'backup', target: undefined, freeDiskBytes: 50 << 20 })).warnings).toHaveLength(
      1,
    )
  })

  it('warns when the target is older than the source', () => {
    expect(plan(facts({ target: { ...emptyTarget, major: 14 } })).warnings[0]).toMatch(
      /older than the source's 15/,
    )
  })
})

describe('plan text', () => {
  it('lists the steps of a transaction copy', () => {
    expect(plan(facts({ target: busyTarget, clean: true })).steps).toEqual([
      'restore reader@src:5432/app (one exported snapshot) into database app in a single transaction, replacing existing objects',
      'verify row counts, sequences and object counts',
    ])
  })

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(1536)).toBe('1.5 KiB')
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GiB')
  })
})

describe('the steps count tables one way', () => {
  it('copy and backup count the tables whose data is copied, with plurals right', () => {
    const six = { ...source, tables: 6 }
    expect(plan(facts({ source: six, jobs: 1 })).steps).toContain(
      "copy the data of 6 tables largest first with 1 job, building each table's indexes as soon as its data lands, each index build with maintenance_work_mem sized to its table (16.0 MiB for the largest), each foreign key checked with 1.0 GiB (the target's is 64.0 MiB)",
    )
    expect(
      plan(facts({ mode: 'backup', target: undefined, source: { ...six, tables: 1 } })).steps[1],
    ).toMatch(/^dump the data of 1 table \(/)
  })

  it('restore says what pg_restore does and what it is verified against', () => {
    const restore = facts({ mode: 'restore', jobs: 2 })
    expect(plan(restore).steps).toEqual([
      "restore the dump into database app with pg_restore, 2 jobs, each index build with maintenance_work_mem 1.0 GiB (the target's is 64.0 MiB)",
      'verify row counts, sequences and object counts against the manifest',
    ])
    expect(plan({ ...restore, source: undefined }).steps).toContain(
      'no verification: the dump has no manifest',
    )
    // Checksums are checked again only when the manifest recorded them.
    expect(plan({ ...restore, verify: 'checksums', manifestLevel: 'checksums' }).steps[1]).toBe(
      'verify row counts and checksums, sequences and object counts against the manifest',
    )
    expect(plan({ ...restore, verify: 'checksums', manifestLevel: 'counts' }).steps[1]).toBe(
      'verify row counts (the manifest holds no checksums), sequences and object counts against the manifest',
    )
    expect(plan({ ...restore, verify: 'counts', manifestLevel: 'checksums' }).steps[1]).toBe(
      'verify row counts, sequences and object counts against the manifest',
    )
  })
})

describe('index build memory', () => {
  it("raises the target's maintenance_work_mem to 1 GiB for foreign keys and the rest, never lowers it", () => {
    expect(BUILD_MEMORY).toBe(1024 ** 3)
    expect(buildSettings({ maintenanceWorkMem: 64 << 20 })).toBe('-c maintenance_work_mem=1024MB')
    expect(buildSettings({ maintenanceWorkMem: BUILD_MEMORY - 1024 })).toBe('-c maintenance_work_mem=1024MB')
    expect(buildSettings({ maintenanceWorkMem: BUILD_MEMORY })).toBeUndefined()
    expect(buildSettings({ maintenanceWorkMem: 4 * BUILD_MEMORY })).toBeUndefined()
    expect(buildSettings(undefined)).toBeUndefined()
  })

  it('sizes an index build to the least memory that sorts its table in one merge pass, from 16 MiB to 1 GiB', () => {
    const MiB = 2 ** 20
    expect(indexBuildMemory(0)).toBe(16 * MiB)
    expect(indexBuildMemory(8192)).toBe(16 * MiB)
    expect(indexBuildMemory(950 * MiB)).toBe(16 * MiB)
    expect(indexBuildMemory(1024 * MiB)).toBe(32 * MiB)
    expect(indexBuildMemory(10 * 1024 * MiB)).toBe(64 * MiB)
    expect(indexBuildMemory(100 * 1024 * MiB)).toBe(256 * MiB)
    expect(indexBuildMemory(100 * 1024 ** 4)).toBe(1024 * MiB)
    // One pass: PostgreSQL merges memory / (34 blocks) runs at once, each run the memory's size.
    for (const bytes of [1, 5e8, 3e9, 7e10, 2e12]) {
      const memory = indexBuildMemory(bytes)
      if (memory < 1024 * MiB) expect(bytes / memory).toBeLessThanOrEqual(memory / (34 * 8192))
      if (memory > 16 * MiB) expect(bytes / (memory / 2)).toBeGreaterThan(memory / 2 / (34 * 8192))
    }
    expect(indexBuildSettings(950 * MiB, emptyTarget)).toBe('-c maintenance_work_mem=16MB')
  })

  it('restores in two runs where the manifest gives the largest table: builds sized to it, then the foreign keys', () => {
    const MiB = 2 ** 20
    const sized = { ...source, largestTableBytes: 10 * 1024 * MiB }
    expect(restoreMemory(sized, emptyTarget)).toEqual({
      builds: '-c maintenance_work_mem=64MB',
      keys: '-c maintenance_work_mem=1024MB',
    })
    expect(restoreMemory(sized, { ...emptyTarget, maintenanceWorkMem: 2 * BUILD_MEMORY })).toEqual({
      builds: '-c maintenance_work_mem=64MB',
      keys: undefined,
    })
    // An older manifest, or a target limiting temporary files: one run, as foreign keys get it.
    expect(restoreMemory(source, emptyTarget)).toBeUndefined()
    expect(restoreMemory(undefined, emptyTarget)).toBeUndefined()
    expect(restoreMemory(sized, { ...emptyTarget, tempFileLimit: 0 })).toBeUndefined()
    expect(plan(facts({ mode: 'restore', jobs: 2, source: sized })).steps[0]).toBe(
      "restore the dump into database app with pg_restore, 2 jobs, each index build with maintenance_work_mem sized to the largest table (64.0 MiB), then the foreign keys with 1.0 GiB (the target's is 64.0 MiB)",
    )
  })

  it('keeps every sort in memory, as foreign keys get it, on a target that limits temporary files', () => {
    const limited = { ...emptyTarget, tempFileLimit: 2 ** 30 }
    expect(indexBuildSettings(950 * 2 ** 20, limited)).toBe('-c maintenance_work_mem=1024MB')
    expect(
      indexBuildSettings(950 * 2 ** 20, { ...limited, maintenanceWorkMem: 2 * BUILD_MEMORY }),
    ).toBeUndefined()
    expect(plan(facts({ source: { ...source, tables: 2 }, jobs: 2, target: limited })).steps).toContain(
      "copy the data of 2 tables largest first with 2 jobs, building each table's indexes as soon as its data lands, each index build with maintenance_work_mem 1.0 GiB (the target's is 64.0 MiB; its temp_file_limit keeps every sort in memory)",
    )
  })

  it('the plan says how a copy sizes its builds, and what a restore raises only when it raises it', () => {
    const large = { ...emptyTarget, maintenanceWorkMem: 2 * BUILD_MEMORY }
    expect(
      plan(
        facts({ source: { ...source, tables: 2, largestTableBytes: 10 * 2 ** 30 }, jobs: 2, target: large }),
      ).steps,
    ).toContain(
      "copy the data of 2 tables largest first with 2 jobs, building each table's indexes as soon as its data lands, each index build with maintenance_work_mem sized to its table (64.0 MiB for the largest)",
    )
    expect(
      plan(
        facts({
          source: { ...source, tables: 2 },
          jobs: 2,
          target: { ...emptyTarget, maintenanceWorkMem: 64 << 20 },
        }),
      ).steps,
    ).toContain(
      "copy the data of 2 tables largest first with 2 jobs, building each table's indexes as soon as its data lands, each index build with maintenance_work_mem sized to its table (16.0 MiB for the largest), each foreign key checked with 1.0 GiB (the target's is 64.0 MiB)",
    )
    expect(plan(facts({ mode: 'restore', jobs: 2, target: large })).steps[0]).toBe(
      'restore the dump into database app with pg_restore, 2 jobs',
    )
  })
})
