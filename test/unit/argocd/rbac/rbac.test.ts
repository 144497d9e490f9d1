import { describe, expect, it } from 'vitest';
import { Enforcer, explainRbac, filepathMatch, globMatch, parsePolicy, policyCSV, readRbac, regexMatch } from '../../../../simulator/argocd/rbac/index.js';
import type { Claims } from '../../../../simulator/argocd/rbac/index.js';
import { argoWorld, project } from '../settings/world.js';

const alice: Claims = { sub: 'alice', iat: '2026-01-05T08:00:00.000Z' };

describe('pattern matching', () => {
  it('glob (gobwas) crosses / without separators, not with them', () => {
    expect(globMatch('*', 'default/guestbook')).toBe(true);
    expect(globMatch('team-*/*', 'team-a/web')).toBe(true);
    expect(globMatch('https://github.com/org/*', 'https://github.com/org/a/b', '/')).toBe(false);
    expect(globMatch('https://github.com/org/**', 'https://github.com/org/a/b', '/')).toBe(true);
    expect(globMatch('{dev,stage}/*', 'stage/x')).toBe(true);
    expect(globMatch('[!p]*', 'prod')).toBe(false);
  });

  it('filepath.Match and regex mode', () => {
    expect(filepathMatch('*', 'Deployment')).toBe(true);
    expect(filepathMatch('apps', 'apps')).toBe(true);
    expect(filepathMatch('[', 'x')).toBe(false); // bad pattern matches nothing
    expect(regexMatch('^team-(a|b)/.*$', 'team-b/web')).toBe(true);
    expect(regexMatch('(', 'x')).toBe(false);
  });
});

describe('policy text', () => {
  it('parses p and g lines with quotes, comments and overlays in key order', () => {
    const p = parsePolicy('# c\np, role:x, applications, get, "a/b,c", allow\n\ng, alice, role:x\n');
    expect(p.p).toEqual([{ sub: 'role:x', res: 'applications', act: 'get', obj: 'a/b,c', eft: 'allow' }]);
    expect(p.g).toEqual([{ member: 'alice', role: 'role:x' }]);
    expect(policyCSV({ 'policy.z.csv': 'Z', 'policy.csv': 'MAIN', 'policy.a.csv': 'A' })).toBe('MAIN\nA\nZ');
    expect(() => parsePolicy('p, too, few')).toThrow('invalid RBAC policy: p, too, few');
  });
});

describe('built-in roles', () => {
  const enf = new Enforcer();
  it('admin may do anything the admin role lists; readonly only gets', () => {
    expect(enf.enforce('admin', 'applications', 'sync', 'default/guestbook')).toBe(true);
    expect(enf.enforce('admin', 'applications', 'get', 'default/guestbook')).toBe(true); // via role:readonly
    expect(enf.enforce('admin', 'applications', 'action/apps/Deployment/restart', 'p/a')).toBe(true);
    expect(enf.enforce('role:readonly', 'applications', 'get', 'p/a')).toBe(true);
    expect(enf.enforce('role:readonly', 'applications', 'sync', 'p/a')).toBe(false);
    expect(enf.enforce('alice', 'applications', 'get', 'p/a')).toBe(false);
  });
});

describe('argocd-rbac-cm', () => {
  it('grants by role, lets deny win over allow, and applies policy.default', () => {
    const sb = argoWorld({
      rbac: {
        'policy.default': 'role:readonly',
        'policy.csv': [
          'p, role:dev, applications, *, dev/*, allow',
          'p, role:dev, applications, delete, dev/*, deny',
          'p, alice, applications, sync, prod/web, allow',
          'g, alice, role:dev',
        ].join('\n'),
      },
    });
    const rbac = readRbac(sb.store);
    expect(rbac.enforce(alice, 'applications', 'sync', 'dev/api')).toBe(true);
    expect(rbac.enforce(alice, 'applications', 'delete', 'dev/api')).toBe(false);
    expect(rbac.enforce(alice, 'applications', 'sync', 'prod/web')).toBe(true);
    expect(rbac.enforce(alice, 'applications', 'sync', 'prod/api')).toBe(false);
    expect(rbac.enforce(alice, 'projects', 'get', 'prod')).toBe(true); // policy.default
    expect(rbac.enforce({ sub: 'bob' }, 'applications', 'get', 'x/y')).toBe(true);
    expect(rbac.enforce(undefined, 'applications', 'get', 'x/y')).toBe(true); // anonymous gets the default role
    expect(rbac.enforce(undefined, 'applications', 'sync', 'x/y')).toBe(false);
  });

  it("denial message is rbac.EnforceErr's", () => {
    const rbac = readRbac(argoWorld().store);
    expect(rbac.enforceErr(alice, 'applications', 'sync', 'default/guestbook')).toBe(
      'permission denied: applications, sync, default/guestbook, sub: alice, iat: 2026-01-05T08:00:00Z',
    );
    expect(rbac.enforceErr({ sub: 'admin' }, 'applications', 'sync', 'default/guestbook')).toBeUndefined();
  });

  it('tries token groups named by scopes only when a g line names them', () => {
    const sb = argoWorld({ rbac: { scopes: '[groups, email]', 'policy.csv': 'g, devs, role:admin\ng, carol@example.com, role:readonly\np, ops, clusters, get, *, allow' } });
    const rbac = readRbac(sb.store);
    expect(rbac.enforce({ sub: 'u1', groups: ['devs'] }, 'applications', 'sync', 'p/a')).toBe(true);
    expect(rbac.enforce({ sub: 'u2', email: 'carol@example.com' }, 'applications', 'get', 'p/a')).toBe(true);
    expect(rbac.enforce({ sub: 'u2', email: 'carol@example.com' }, 'applications', 'sync', 'p/a')).toBe(false);
    // `ops` appears only as a p subject, never as a g member: Argo does not try it.
    expect(rbac.enforce({ sub: 'u3', groups: ['ops'] }, 'clusters', 'get', 'https://x')).toBe(false);
  });

  it('regex match mode', () => {
    const rbac = readRbac(argoWorld({ rbac: { 'policy.matchMode': 'regex', 'policy.csv': 'p, alice, applications, (get|sync), ^team-[ab]/.*$, allow' } }).store);
    expect(rbac.enforce(alice, 'applications', 'sync', 'team-b/web')).toBe(true);
    expect(rbac.enforce(alice, 'applications', 'sync', 'team-c/web')).toBe(false);
  });

  it('a policy casbin would refuse leaves the built-in policy in force and says why', () => {
    const rbac = readRbac(argoWorld({ rbac: { 'policy.csv': 'p, alice, applications, get' } }).store);
    expect(rbac.enf.policyError).toBe('invalid RBAC policy: p, alice, applications, get');
    expect(rbac.enforce({ sub: 'admin' }, 'applications', 'sync', 'a/b')).toBe(true);
  });
});

describe('project roles', () => {
  function world() {
    const sb = argoWorld({ rbac: { 'policy.csv': 'p, role:blocked, applications, sync, team/*, deny\ng, ci-bot, role:blocked' } });
    sb.store.create(
      project('team', {
        sourceRepos: ['*'],
        destinations: [{ server: '*', namespace: 'team-*' }],
        roles: [
          { name: 'deployer', policies: ['p, proj:team:deployer, applications, sync, team/*, allow', 'p, proj:team:deployer, applications, get, team/*, allow'], groups: ['team-devs', 'ci-bot'] },
        ],
      }),
    );
    return readRbac(sb.store);
  }

  it('a project-role token acts only inside its project and may get the project', () => {
    const rbac = world();
    const token: Claims = { sub: 'proj:team:deployer' };
    expect(rbac.enforce(token, 'applications', 'sync', 'team/web')).toBe(true);
    expect(rbac.enforce(token, 'projects', 'get', 'team')).toBe(true);
    expect(rbac.enforce(token, 'applications', 'sync', 'other/web')).toBe(false);
    expect(rbac.enforce(token, 'applications', 'delete', 'team/web')).toBe(false);
  });

  it('groups bound to a project role get its policies there, and a global deny still wins', () => {
    const rbac = world();
    expect(rbac.enforce({ sub: 'dana', groups: ['team-devs'] }, 'applications', 'sync', 'team/web')).toBe(true);
    expect(rbac.enforce({ sub: 'dana', groups: ['team-devs'] }, 'applications', 'sync', 'default/web')).toBe(false);
    // casbin does not tell users from groups: a subject named like a bound group has the role too...
    expect(rbac.enforce({ sub: 'ci-bot' }, 'applications', 'get', 'team/web')).toBe(true);
    // ...but the global deny for role:blocked (ci-bot's other role) beats the project role's allow.
    expect(rbac.enforce({ sub: 'ci-bot' }, 'applications', 'sync', 'team/web')).toBe(false);
    expect(rbac.enforce({ sub: 'x', groups: ['ci-bot'] }, 'applications', 'sync', 'team/web')).toBe(false);
  });
});

describe('explaining a decision', () => {
  it('names the candidate and the policy line that decided', () => {
    const sb = argoWorld({ rbac: { 'policy.default': 'role:readonly', 'policy.csv': 'p, role:dev, applications, *, dev/*, allow\np, role:dev, applications, delete, dev/*, deny\ng, devs, role:dev' } });
    const rbac = readRbac(sb.store);
    const dana: Claims = { sub: 'dana', groups: ['devs'] };
    const sync = explainRbac(rbac, dana, 'applications', 'sync', 'dev/web');
    expect(sync.allowed).toBe(true);
    expect(sync.why).toBe('group devs is allowed by "p, role:dev, applications, *, dev/*, allow"');
    expect(sync.candidates.map((c) => `${c.as}:${c.subject}:${c.allowed}`)).toEqual(['default role:role:readonly:false', 'subject:dana:false', 'group:devs:true']);
    const del = explainRbac(rbac, dana, 'applications', 'delete', 'dev/web');
    expect(del.allowed).toBe(false);
    expect(del.why).toBe('denied by "p, role:dev, applications, delete, dev/*, deny" (deny wins over allow)');
    expect(explainRbac(rbac, dana, 'clusters', 'delete', 'https://x').why).toBe('no policy line allows delete on clusters https://x');
    expect(explainRbac(rbac, dana, 'projects', 'get', 'dev').why).toBe('default role role:readonly is allowed by "p, role:readonly, projects, get, *, allow"');
  });
});
