import { aclRoles, aclStatements, planAccess, type AccessInput, type TargetRoles } from './access'
import { settingValue } from './db'

const roles = (names: Record<string, boolean>, superuser = false): TargetRoles => ({
  user: 'migrator',
  superuser,
  roles: new Map(Object.entries({ migrator: true, ...names })),
})

const input = (over: Partial<AccessInput> = {}): AccessInput => ({
  owners: [],
  ownersKnown: true,
  acl: [],
  roles: roles({ alice: true }),
  noOwner: false,
  noPrivileges: false,
  ...over,
})

describe('the ACL statements of a pg_restore script', () => {
  it('keeps GRANT, REVOKE and default privileges, joining a quoted name that spans lines', () => {
    const script = [
      '--',
      '-- Name: FUNCTION f(x integer); Type: ACL; Schema: public; Owner: postgres',
      '--',
      'SET statement_timeout = 0;',
      "SELECT pg_catalog.set_config('search_path', '', false);",
      '',
      'REVOKE ALL ON FUNCTION public.f(x integer) FROM PUBLIC;',
      'GRANT ALL ON FUNCTION public.f(x integer) TO "odd',
      'role";',
      'ALTER DEFAULT PRIVILEGES FOR ROLE owner1 IN SCHEMA s GRANT SELECT ON TABLES  TO "odd role";',
      '\\unrestrict abc',
    ]
    expect(aclStatements(script)).toEqual([
      'REVOKE ALL ON FUNCTION public.f(x integer) FROM PUBLIC;',
      'GRANT ALL ON FUNCTION public.f(x integer) TO "odd\nrole";',
      'ALTER DEFAULT PRIVILEGES FOR ROLE owner1 IN SCHEMA s GRANT SELECT ON TABLES  TO "odd role";',
    ])
  })

  it('reads the roles a statement names, whatever the object is called', () => {
    expect(aclRoles('GRANT SELECT(a) ON TABLE s."to" TO "odd ""role""" WITH GRANT OPTION;')).toEqual({
      grantees: ['odd "role"'],
      forRole: undefined,
      revoke: false,
    })
    expect(aclRoles('REVOKE ALL ON FUNCTION public.f() FROM PUBLIC;')).toEqual({
      grantees: ['PUBLIC'],
      forRole: undefined,
      revoke: true,
    })
    expect(
      aclRoles('ALTER DEFAULT PRIVILEGES FOR ROLE owner1 IN SCHEMA s REVOKE ALL ON FUNCTIONS FROM PUBLIC;'),
    ).toEqual({ grantees: ['PUBLIC'], forRole: 'owner1', revoke: true })
  })
})

describe('what is carried', () => {
  it('always keeps a REVOKE from PUBLIC, and grants only to roles the target has', () => {
    const plan = planAccess(
      input({
        acl: [
          'REVOKE ALL ON FUNCTION public.f() FROM PUBLIC;',
          'GRANT ALL ON FUNCTION public.f() TO alice;',
          'GRANT SELECT ON TABLE public.t TO ghost;',
          'REVOKE ALL ON TABLE public.t FROM ghost;',
        ],
      }),
    )
    expect(plan.sql).toContain(`EXECUTE 'REVOKE ALL ON FUNCTION public.f() FROM PUBLIC';`)
    expect(plan.sql).toContain(`EXECUTE 'GRANT ALL ON FUNCTION public.f() TO alice';`)
    expect(plan.sql).not.toContain('ghost')
    expect(plan.notCarried).toEqual([
      'GRANT SELECT ON TABLE public.t TO ghost; not carried (role ghost does not exist on the target).',
    ])
  })

  it('with no-privileges keeps the restrictions and carries no grant', () => {
    const plan = planAccess(
      input({
        noPrivileges: true,
        acl: ['REVOKE ALL ON FUNCTION public.f() FROM PUBLIC;', 'GRANT ALL ON FUNCTION public.f() TO alice;'],
      }),
    )
    expect(plan.sql).toContain('REVOKE ALL ON FUNCTION public.f() FROM PUBLIC')
    expect(plan.sql).not.toContain('TO alice')
    expect(plan.notCarried).toEqual([
      "GRANT ALL ON FUNCTION public.f() TO alice; not carried ('no-privileges' is set).",
    ])
  })

  it('carries an owner the target user may give objects to, and makes a SECURITY DEFINER function whose owner it cannot carry private', () => {
    const plan = planAccess(
      input({
        roles: roles({ alice: true, bob: false }),
        owners: [
          { type: 'table', identity: 'public.t', owner: 'alice', securityDefiner: false },
          { type: 'function', identity: 'public.g()', owner: 'bob', securityDefiner: true },
          { type: 'function', identity: 'public.h()', owner: 'migrator', securityDefiner: true },
        ],
      }),
    )
    expect(plan.sql).toContain(`EXECUTE 'ALTER TABLE public.t OWNER TO "alice"';`)
    expect(plan.sql).toContain(`WHERE p.oid = 'public.g()'::regprocedure AND a.grantee <> p.proowner LOOP`)
    // h() is the target user's already: no owner to carry, nothing to make private.
    expect(plan.sql).not.toContain('ALTER FUNCTION public.h() OWNER')
    expect(plan.sql).not.toContain(`p.oid = 'public.h()'::regprocedure`)
    // Every object starts from the built-in default privileges, whatever the target's defaults.
    for (const [keyword, identity] of [
      ['TABLE', 'public.t'],
      ['FUNCTION', 'public.g()'],
      ['FUNCTION', 'public.h()'],
    ])
      for (const [verb, preposition] of [
        ['REVOKE', 'FROM'],
        ['GRANT', 'TO'],
      ])
        expect(plan.sql).toContain(
          `format('${verb} %s ON ${keyword} %s ${preposition} %s', x.privilege_type, '${identity}'::pg_catalog.`,
        )
    expect(plan.notCarried).toEqual([
      'Owner bob of function public.g() not carried (the target user migrator may not act as role bob); migrator owns it.',
      'SECURITY DEFINER function public.g(): its owner was not carried, so only migrator may execute it (EXECUTE revoked from PUBLIC and every grantee).',
    ])
  })

  it('reports an owner change the server refuses, and then makes its SECURITY DEFINER function private', () => {
    const plan = planAccess(
      input({
        owners: [{ type: 'function', identity: 'public.g()', owner: 'alice', securityDefiner: true }],
      }),
    )
    expect(plan.sql).toContain('EXCEPTION WHEN insufficient_privilege THEN')
    expect(plan.sql).toContain(
      `RAISE WARNING '%', 'db-migrate not carried: Owner alice of function public.g() not carried (' || SQLERRM`,
    )
    expect(plan.sql).toContain(`WHERE p.oid = 'public.g()'::regprocedure AND a.grantee <> p.proowner LOOP`)
    expect(plan.notCarried).toEqual([])
  })

  it('without known owners makes every SECURITY DEFINER function of the target user private', () => {
    const plan = planAccess(input({ ownersKnown: false }))
    expect(plan.sql).toContain('p.prosecdef')
    expect(plan.notCarried[0]).toMatch(/^Owners were not carried: the dump has no manifest/)
  })

  it('has nothing to run when nothing differs from the defaults', () => {
    expect(planAccess(input())).toEqual({ carried: 0, notCarried: [] })
  })
})

describe('database settings', () => {
  const db = { escapeLiteral: (s: string): string => `'${s.replace(/'/g, "''")}'` }
  it('quotes a list setting element by element, as pg_dump does', () => {
    expect(settingValue(db, 'search_path', 'app, "$user", "Odd, one"')).toBe(`'app', '$user', 'Odd, one'`)
    expect(settingValue(db, 'statement_timeout', '5min')).toBe(`'5min'`)
  })
})
