import { mkdtempSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { debugLogger, type Logger } from '../common/log'
import { runProcess } from '../common/process'
import { close, connect, objectKeyword, quoteIdent, type Db } from './db'
import { tocList, type TocEntry } from './toc'
import type { ToolContext } from './tools'
import { ACCESS_PREFIX, NOT_CARRIED_PREFIX } from './psql-messages'
import { quoteLiteral } from './sql'
import type { DatabaseUrl } from './url'

/**
 * Owners and privileges. pg_restore runs with --no-owner and --no-privileges in every strategy,
 * because it sends each ACL entry of the archive as one statement batch: one GRANT naming a role
 * the target lacks fails the whole entry, and the REVOKEs beside it (`REVOKE ALL ON FUNCTION f()
 * FROM PUBLIC`) are lost with it. Instead, once the restore passed verification, in one
 * transaction of its own (inside the restore's transaction, before the verification there, with
 * `strategy: transaction`), one block carries, so that a restore undone leaves no grant behind:
 *
 * - each GRANT and REVOKE of the archive's ACL entries (taken from pg_restore's own script, so
 *   they are exactly what pg_dump would restore), one statement at a time: a REVOKE from PUBLIC
 *   always, a grant only where every role it names exists on the target;
 * - then each object's owner, where the role exists on the target and the target user may give
 *   it objects (a superuser, or a member of the role);
 * - and, for a SECURITY DEFINER function whose owner could not be carried (it would run as the
 *   target user instead), EXECUTE is left to its new owner alone: PUBLIC and every grant on it
 *   are revoked.
 *
 * Nothing is ever granted that the source did not grant. Every owner and grant not carried is
 * listed, with the reason, in a warning and the job summary.
 */

/** An object of the archive with its owner on the source, as pg_identify_object names it. */
export interface OwnedObject {
  type: string
  identity: string
  owner: string
  securityDefiner: boolean
}

/** The roles of the target server, as the target user sees them. */
export interface TargetRoles {
  user: string
  superuser: boolean
  /** Every role name, with whether the target user is a member of it (and so may give it objects). */
  roles: Map<string, boolean>
}

export interface AccessPlan {
  /** One DO block carrying owners and privileges, or undefined when there is nothing to run. */
  sql?: string
  /** Owners and privileges carried. */
  carried: number
  /** Every owner and privilege not carried, with the reason, one sentence each. */
  notCarried: string[]
}

const OWNER_COLUMNS: Array<[string, string]> = [
  ['pg_proc', 'proowner'],
  ['pg_type', 'typowner'],
  ['pg_namespace', 'nspowner'],
  ['pg_collation', 'collowner'],
  ['pg_conversion', 'conowner'],
  ['pg_operator', 'oprowner'],
  ['pg_opclass', 'opcowner'],
  ['pg_opfamily', 'opfowner'],
  ['pg_ts_config', 'cfgowner'],
  ['pg_ts_dict', 'dictowner'],
  ['pg_foreign_data_wrapper', 'fdwowner'],
  ['pg_foreign_server', 'srvowner'],
  ['pg_language', 'lanowner'],
  ['pg_statistic_ext', 'stxowner'],
  ['pg_publication', 'pubowner'],
]

/**
 * The owners, on the source, of the archive's objects (by the catalog and object OIDs of its TOC
 * entries). Sequences owned by a column follow their table's owner and are left out, as are
 * relations that have no owner of their own (indexes).
 */
export async function sourceOwners(db: Db, entries: readonly TocEntry[]): Promise<OwnedObject[]> {
  const objects = entries.filter((e) => e.catalogOid > 0 && e.oid > 0)
  if (objects.length === 0) return []
  const cases = OWNER_COLUMNS.map(
    ([catalog, column]) =>
      `WHEN 'pg_catalog.${catalog}'::regclass THEN (SELECT x.${column} FROM pg_catalog.${catalog} x WHERE x.oid = e.objid)`,
  ).join('\n          ')
  const { rows } = await db.query<OwnedObject>(
    `SELECT i.type, i.identity, pg_catalog.pg_get_userbyid(o.owner) AS owner, coalesce(o.secdef, false) AS "securityDefiner"
       FROM (SELECT DISTINCT * FROM unnest($1::oid[], $2::oid[])) AS e (classid, objid)
       CROSS JOIN LATERAL (SELECT CASE e.classid
          WHEN 'pg_catalog.pg_class'::regclass THEN (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = e.objid
            AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')
            AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = e.classid AND d.objid = e.objid
                              AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i')))
          ${cases}
          END AS owner,
          (SELECT p.prosecdef FROM pg_catalog.pg_proc p WHERE e.classid = 'pg_catalog.pg_proc'::regclass AND p.oid = e.objid) AS secdef) o
       CROSS JOIN LATERAL pg_catalog.pg_identify_object(e.classid, e.objid, 0) i
      WHERE o.owner IS NOT NULL AND i.identity IS NOT NULL
      ORDER BY 1, 2`,
    [objects.map((e) => e.catalogOid), objects.map((e) => e.oid)],
  )
  return rows
}

/**
 * The target's roles. Giving an object to a role takes, from PostgreSQL 16, being able to SET ROLE
 * to it (membership WITH SET OPTION), before that membership; the role must also have CREATE on
 * the object's schema, which the block checks as it goes.
 * https://www.postgresql.org/docs/16/sql-altertable.html, https://www.postgresql.org/docs/15/sql-altertable.html
 */
export async function targetRoles(db: Db): Promise<TargetRoles> {
  const { rows } = await db.query<{ name: string; member: boolean; user: string; superuser: boolean }>(
    `SELECT r.rolname AS name,
            CASE WHEN current_setting('server_version_num')::int >= 160000 THEN pg_catalog.pg_has_role(current_user, r.oid, 'SET')
                 ELSE pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER') END AS member,
            current_user AS user, (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) AS superuser
       FROM pg_catalog.pg_roles r`,
  )
  return {
    user: rows[0]?.user ?? '',
    superuser: rows[0]?.superuser ?? false,
    roles: new Map(rows.map((r) => [r.name, r.member])),
  }
}

/**
 * The GRANT, REVOKE and ALTER DEFAULT PRIVILEGES statements of the archive's ACL entries, as
 * pg_restore writes them in its script (one per line; a quoted name may span lines).
 */
export async function archiveAcl(
  tools: ToolContext,
  file: string,
  toc: readonly TocEntry[],
  workDir: string,
): Promise<string[]> {
  const entries = toc.filter((e) => e.desc === 'ACL' || e.desc === 'DEFAULT ACL')
  if (entries.length === 0) return []
  const list = join(mkdtempSync(join(workDir, 'acl-')), 'acl.list')
  writeFileSync(list, tocList(entries))
  const script: string[] = []
  await runProcess(tools.client.pgRestore, ['--file=-', '--use-list', list, file], {
    signal: tools.signal,
    logger: debugLogger(tools.logger),
    onStdoutLine: (line) => script.push(line),
  })
  return aclStatements(script)
}

/** The ACL statements of a pg_restore script: everything else (comments, SET, psql meta-commands) is skipped. */
export function aclStatements(script: readonly string[]): string[] {
  const statements: string[] = []
  let current = ''
  for (const line of script) {
    if (current === '' && (line.trim() === '' || /^(--|SET |RESET |SELECT pg_catalog\.|\\)/.test(line)))
      continue
    current = current === '' ? line : `${current}\n${line}`
    const quotes = (current.match(/"/g) ?? []).length
    if (quotes % 2 === 0 && current.trimEnd().endsWith(';')) {
      if (/^(GRANT|REVOKE|ALTER DEFAULT PRIVILEGES) /.test(current)) statements.push(current.trim())
      current = ''
    }
  }
  return statements
}

type Token = { word: string; quoted: boolean }

/** Words and quoted identifiers of a statement; punctuation other than `,` is dropped. */
function tokens(statement: string): Token[] {
  const found: Token[] = []
  const re = /"((?:[^"]|"")*)"|([A-Za-z0-9_$]+)|(,)/g
  for (let m = re.exec(statement); m; m = re.exec(statement)) {
    if (m[1] !== undefined) found.push({ word: m[1].replace(/""/g, '"'), quoted: true })
    else found.push({ word: m[2] ?? m[3], quoted: false })
  }
  return found
}

const isWord = (t: Token | undefined, word: string): boolean =>
  t !== undefined && !t.quoted && t.word.toUpperCase() === word

/** The roles a GRANT or REVOKE statement names: its grantees (PUBLIC as `PUBLIC`) and, for default privileges, the FOR ROLE. */
export function aclRoles(statement: string): { grantees: string[]; forRole?: string; revoke: boolean } {
  const t = tokens(statement)
  const revoke = /^(ALTER DEFAULT PRIVILEGES\b.*?\s)?REVOKE\s/s.test(statement)
  const keyword = revoke ? 'FROM' : 'TO'
  let at = -1
  for (let i = t.length - 1; i >= 0; i--) {
    if (isWord(t[i], keyword)) {
      at = i
      break
    }
  }
  const grantees: string[] = []
  for (let i = at + 1; at >= 0 && i < t.length; i++) {
    if (
      isWord(t[i], 'WITH') ||
      isWord(t[i], 'GRANTED') ||
      isWord(t[i], 'CASCADE') ||
      isWord(t[i], 'RESTRICT')
    )
      break
    if (t[i].word === ',' && !t[i].quoted) continue
    if (isWord(t[i], 'GROUP')) continue
    grantees.push(!t[i].quoted && t[i].word.toUpperCase() === 'PUBLIC' ? 'PUBLIC' : t[i].word)
  }
  let forRole: string | undefined
  if (isWord(t[0], 'ALTER') && isWord(t[1], 'DEFAULT')) {
    const i = t.findIndex(
      (x, n) => isWord(x, 'FOR') && (isWord(t[n + 1], 'ROLE') || isWord(t[n + 1], 'USER')),
    )
    if (i >= 0) forRole = t[i + 2]?.word
  }
  return { grantees, forRole, revoke }
}

export interface AccessInput {
  owners: readonly OwnedObject[]
  /** False when the owners are unknown (a dump without its manifest). */
  ownersKnown: boolean
  acl: readonly string[]
  roles: TargetRoles
  noOwner: boolean
  noPrivileges: boolean
}

/**
 * Decides what is carried and writes the block that carries it. Pure.
 *
 * The grants and revokes run first, while the target user still owns every object it restored
 * (so each of them is its to give or take), then the owners: ALTER ... OWNER TO hands the
 * object's privileges, and the grants made by the old owner, to the new one. An owner change the
 * server refuses (the new owner lacks CREATE on the schema, say) is reported by a WARNING
 * starting with NOT_CARRIED_PREFIX and, for a SECURITY DEFINER function, makes it private.
 */
export function planAccess(input: AccessInput): AccessPlan {
  const { roles } = input
  const grants: string[] = []
  const owners: string[] = []
  const notCarried: string[] = []
  const exists = (role: string): boolean => role === 'PUBLIC' || roles.roles.has(role)
  const mayBecome = (role: string): boolean =>
    roles.superuser || role === roles.user || roles.roles.get(role) === true
  for (const statement of input.acl) {
    const { grantees, forRole, revoke } = aclRoles(statement)
    const missing = [...grantees, ...(forRole ? [forRole] : [])].filter((r) => !exists(r))
    const restriction = revoke && grantees.every((g) => g === 'PUBLIC')
    if (revoke && !restriction && missing.length > 0) continue // Nothing to take from a role that is not there.
    let reason: string | undefined
    if (missing.length > 0) reason = `role ${missing.join(', ')} does not exist on the target`
    else if (forRole && !mayBecome(forRole))
      reason = `the target user ${roles.user} may not act as role ${forRole}`
    else if (input.noPrivileges && !revoke) reason = "'no-privileges' is set"
    if (reason === undefined) grants.push(`  EXECUTE ${quoteLiteral(statement.replace(/;\s*$/, ''))};`)
    else notCarried.push(`${statement.replace(/\s+/g, ' ')} not carried (${reason}).`)
  }
  const ownerless: OwnedObject[] = []
  for (const object of input.owners) {
    if (object.owner === roles.user) continue
    const what = `${object.type} ${object.identity}`
    let reason: string | undefined
    if (input.noOwner) reason = "'no-owner' is set"
    else if (!roles.roles.has(object.owner)) reason = `role ${object.owner} does not exist on the target`
    else if (!mayBecome(object.owner))
      reason = `the target user ${roles.user} may not act as role ${object.owner}`
    if (reason !== undefined) {
      notCarried.push(`Owner ${object.owner} of ${what} not carried (${reason}); ${roles.user} owns it.`)
      ownerless.push(object)
      continue
    }
    const refused = `${NOT_CARRIED_PREFIX} Owner ${object.owner} of ${what} not carried (`
    const fallback = object.securityDefiner
      ? `
${privatize(`p.oid = ${quoteLiteral(object.identity)}::regprocedure`, '    ')}
    RAISE WARNING '%', ${quoteLiteral(`${NOT_CARRIED_PREFIX} ${secdefSentence(object, roles.user)}`)};`
      : ''
    owners.push(`  BEGIN
    EXECUTE ${quoteLiteral(`ALTER ${objectKeyword(object.type)} ${object.identity} OWNER TO ${quoteIdent(object.owner)}`)};
  EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING '%', ${quoteLiteral(refused)} || SQLERRM || ${quoteLiteral(`); ${roles.user} owns it.`)};${fallback}
  END;`)
  }
  // A SECURITY DEFINER function that changed hands would run as the target user: only that user may call it.
  const secdef = input.ownersKnown ? ownerless.filter((o) => o.securityDefiner) : undefined
  for (const fn of secdef ?? []) notCarried.push(secdefSentence(fn, roles.user))
  if (!input.ownersKnown) {
    notCarried.push(
      `Owners were not carried: the dump has no manifest naming them; ${roles.user} owns every object, and its SECURITY DEFINER functions may be executed only by ${roles.user}.`,
    )
  }
  const body = [
    ...input.owners.flatMap((o) => resetToDefault(o)),
    ...grants,
    ...owners,
    ...(secdef ?? []).map((fn) => privatize(`p.oid = ${quoteLiteral(fn.identity)}::regprocedure`, '  ')),
  ]
  const revokeAll = secdef === undefined ? REVOKE_ALL_SECDEF : ''
  const carried = grants.length + owners.length
  if (body.length === 0 && revokeAll === '') return { carried, notCarried }
  // A failure names itself (ACCESS_PREFIX), so that no harmless-error pattern can pass over it.
  const sql = `DO $db_migrate_access$
DECLARE
  revoke_sql text;
  owned_oid oid;
BEGIN
${body.join('\n')}${revokeAll}
EXCEPTION WHEN OTHERS THEN
  RAISE EXCEPTION USING MESSAGE = ${quoteLiteral(`${ACCESS_PREFIX} `)} || SQLERRM, ERRCODE = SQLSTATE;
END
$db_migrate_access$;
`
  return { sql, carried, notCarried }
}

function secdefSentence(fn: OwnedObject, user: string): string {
  return `SECURITY DEFINER ${fn.type} ${fn.identity}: its owner was not carried, so only ${user} may execute it (EXECUTE revoked from PUBLIC and every grantee).`
}

/**
 * PL/pgSQL revoking every privilege on the routines `p` matching `where` from everyone but their
 * owner: PUBLIC (whose EXECUTE a routine with the default ACL has) and every grantee.
 */
function privatize(where: string, indent: string): string {
  return `FOR revoke_sql IN SELECT DISTINCT pg_catalog.format('REVOKE ALL ON %s %s FROM %s',
                   CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, p.oid::regprocedure,
                   CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) END)
                 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace,
                      pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) a
                WHERE ${where} AND a.grantee <> p.proowner LOOP
  EXECUTE revoke_sql;
END LOOP;`
    .split('\n')
    .map((line) => indent + line)
    .join('\n')
}

/** Without known owners: every SECURITY DEFINER routine the target user owns is made private to it. */
const REVOKE_ALL_SECDEF = `\n${privatize(
  `p.prosecdef AND p.proowner = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = current_user)
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`,
  '  ',
)}`

/** Where each kind of object keeps its ACL, and its acldefault kind (acldefault, src/backend/utils/adt/acl.c). */
interface AclPlace {
  cast: string
  table: string
  acl: string
  owner: string
  kind: string
  keyword: string
}
const RELATION: AclPlace = {
  cast: 'regclass',
  table: 'pg_class',
  acl: 'relacl',
  owner: 'relowner',
  kind: 'r',
  keyword: 'TABLE',
}
const ROUTINE: AclPlace = {
  cast: 'regprocedure',
  table: 'pg_proc',
  acl: 'proacl',
  owner: 'proowner',
  kind: 'f',
  keyword: 'FUNCTION',
}
const TYPE: AclPlace = {
  cast: 'regtype',
  table: 'pg_type',
  acl: 'typacl',
  owner: 'typowner',
  kind: 'T',
  keyword: 'TYPE',
}
const ACL_OF: Record<string, AclPlace> = {
  table: RELATION,
  view: RELATION,
  'materialized view': RELATION,
  'foreign table': RELATION,
  sequence: { ...RELATION, kind: 's', keyword: 'SEQUENCE' },
  function: ROUTINE,
  procedure: { ...ROUTINE, keyword: 'PROCEDURE' },
  type: TYPE,
  'composite type': TYPE,
  domain: { ...TYPE, keyword: 'DOMAIN' },
  schema: {
    cast: 'regnamespace',
    table: 'pg_namespace',
    acl: 'nspacl',
    owner: 'nspowner',
    kind: 'n',
    keyword: 'SCHEMA',
  },
}

/**
 * Puts an object the restore created back to the built-in default privileges (acldefault), which
 * the archive's GRANTs and REVOKEs start from: the target's own default privileges (ALTER DEFAULT
 * PRIVILEGES) apply to every object created there, so a table the source granted to nobody would
 * otherwise come out readable by whomever the target's defaults name, a copy granting more than
 * the source. Privileges beyond the default are revoked, defaults missing are granted back.
 */
function resetToDefault(object: OwnedObject): string[] {
  const at = ACL_OF[object.type]
  if (!at) return []
  const statements = resetStatements(at, `${quoteLiteral(object.identity)}::pg_catalog.${at.cast}`, '  ')
  if (at.table !== 'pg_class' || at.kind === 's') return [statements]
  // A table's serial and identity sequences are no objects of their own in the archive's
  // owners (they go with the table), but the target's default privileges for sequences apply
  // to them as well.
  const sequence = ACL_OF.sequence
  return [
    statements,
    `  FOR owned_oid IN SELECT d.objid FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class c ON c.oid = d.objid
                     WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid = ${quoteLiteral(object.identity)}::pg_catalog.regclass
                       AND d.deptype IN ('a', 'i') AND c.relkind = 'S' LOOP
${resetStatements(sequence, 'owned_oid', '    ')}
  END LOOP;`,
  ]
}

/**
 * The REVOKEs and GRANTs that bring one object's privileges back to where pg_dump's grants start
 * from: its initial privileges where it has some (pg_init_privs: the `public` schema, objects of
 * extensions; pg_dump writes an ACL relative to them), else the built-in default (acldefault).
 */
function resetStatements(at: AclPlace, oid: string, indent: string): string {
  const role = `CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(x.grantee)) END`
  const sets = `(SELECT a.grantee, a.privilege_type FROM pg_catalog.${at.table} o, pg_catalog.aclexplode(coalesce(o.${at.acl}, pg_catalog.acldefault('${at.kind}', o.${at.owner}))) a WHERE o.oid = ${oid})`
  const initial = `(SELECT i.initprivs FROM pg_catalog.pg_init_privs i WHERE i.objoid = o.oid AND i.classoid = 'pg_catalog.${at.table}'::pg_catalog.regclass AND i.objsubid = 0)`
  const defaults = `(SELECT d.grantee, d.privilege_type FROM pg_catalog.${at.table} o, pg_catalog.aclexplode(coalesce(${initial}, pg_catalog.acldefault('${at.kind}', o.${at.owner}))) d WHERE o.oid = ${oid})`
  const statement = (verb: string, preposition: string, from: string, minus: string): string =>
    `FOR revoke_sql IN SELECT pg_catalog.format('${verb} %s ON ${at.keyword} %s ${preposition} %s', x.privilege_type, ${oid}::pg_catalog.${at.cast}::text, ${role})
               FROM (${from} EXCEPT ${minus}) x LOOP
  EXECUTE revoke_sql;
END LOOP;`
  return [statement('REVOKE', 'FROM', sets, defaults), statement('GRANT', 'TO', defaults, sets)]
    .join('\n')
    .split('\n')
    .map((line) => indent + line)
    .join('\n')
}

/**
 * Runs the plan's block on a written database (direct and swap; the transaction strategy runs it
 * inside its transaction); returns the owners the server refused, from the block's warnings.
 */
export async function applyAccess(db: Db, plan: AccessPlan): Promise<string[]> {
  if (!plan.sql) return []
  const refused: string[] = []
  const onNotice = (notice: { message?: string }): void => {
    const message = notice.message ?? ''
    if (message.startsWith(NOT_CARRIED_PREFIX)) refused.push(message.slice(NOT_CARRIED_PREFIX.length).trim())
  }
  db.on('notice', onNotice)
  await db.query('BEGIN')
  try {
    await db.query(plan.sql)
    await db.query('COMMIT')
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined)
    const message = (error as Error).message.replace(ACCESS_PREFIX, '').trim()
    throw new Error(`Carrying owners and privileges failed: ${message}`, { cause: error })
  } finally {
    db.off('notice', onNotice)
  }
  return refused
}

/** Connects to a written database and carries owners and privileges there (direct and swap). */
export async function carryAccess(
  url: DatabaseUrl,
  plan: AccessPlan,
  options: { logger?: Logger; signal?: AbortSignal },
): Promise<string[]> {
  if (!plan.sql) return []
  const db = await connect(url, options)
  try {
    return await applyAccess(db, plan)
  } finally {
    await close(db)
  }
}
