/** A check that is not met says which condition failed and why, with the actual value; a met one says what holds. */
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateCheck, runAction } from '../../simulator/labs/index.js';
import type { Check, LabSession } from '../../simulator/labs/index.js';
import { readFiles, startLab } from './support.js';

const files = readFiles('test/labs/fixtures');
let s: LabSession;
const check = (c: Check) => evaluateCheck(s.world, c);

beforeAll(async () => {
  s = await startLab(files, 'test/labs/fixtures/mini-argocd');
  await s.applySolution(0); // guestbook synced: Service (wave -1), Deployment with 1 replica
});

describe('object checks', () => {
  it('not found, and absent', () => {
    expect(check({ name: 'x', object: { kind: 'ConfigMap', namespace: 'guestbook', name: 'nope' } })).toEqual({ name: 'x', ok: false, reason: 'ConfigMap guestbook/nope not found' });
    expect(check({ name: 'x', object: { kind: 'ConfigMap', namespace: 'guestbook', name: 'nope', absent: true } })).toMatchObject({ ok: true });
    expect(check({ name: 'x', object: { kind: 'Service', namespace: 'guestbook', name: 'guestbook-ui', absent: true } })).toMatchObject({
      ok: false,
      reason: 'Service guestbook/guestbook-ui exists, expected it to be gone',
    });
    expect(check({ name: 'x', object: { kind: 'Gadget', name: 'g' } })).toMatchObject({ ok: false, reason: 'no matches for kind "Gadget"' });
  });

  it('field matchers report the actual value', () => {
    const dep = { kind: 'Deployment', namespace: 'guestbook', name: 'guestbook-ui' };
    expect(check({ name: 'x', object: { ...dep, fields: { 'spec.replicas': 3 } } }).reason).toBe('Deployment guestbook/guestbook-ui: spec.replicas is 1, expected 3');
    expect(check({ name: 'x', object: { ...dep, fields: { 'spec.replicas': { gte: 2 } } } }).reason).toBe('Deployment guestbook/guestbook-ui: spec.replicas is 1, expected at least 2');
    expect(check({ name: 'x', object: { ...dep, fields: { 'spec.paused': { exists: true } } } }).reason).toBe('Deployment guestbook/guestbook-ui: spec.paused is not set');
    expect(check({ name: 'x', object: { ...dep, fields: { 'spec.strategy.type': { in: ['Recreate'] } } } }).reason).toBe(
      'Deployment guestbook/guestbook-ui: spec.strategy.type is RollingUpdate, expected one of Recreate',
    );
    expect(check({ name: 'x', object: { ...dep, fields: { 'spec.template.spec.containers[0].image': { matches: ':0\\.2$' }, 'spec.replicas': { lte: 1 } } } })).toMatchObject({ ok: true });
  });

  it('expr conditions say they are false, or why they could not run', () => {
    const dep = { kind: 'Deployment', namespace: 'guestbook', name: 'guestbook-ui' };
    expect(check({ name: 'x', object: { ...dep, expr: 'object.spec.replicas > 1' } }).reason).toBe('Deployment guestbook/guestbook-ui: object.spec.replicas > 1 is false, expected true');
    expect(check({ name: 'x', object: { ...dep, expr: 'object.spec.replicas == 1 && len(object.metadata.name) > 3' } })).toMatchObject({ ok: true });
  });

  it('count', () => {
    expect(check({ name: 'x', count: { kind: 'Pod', namespace: 'guestbook', selector: 'app=guestbook-ui', min: 2 } }).reason).toBe(
      '1 Pod in guestbook matching app=guestbook-ui, expected at least 2',
    );
    expect(check({ name: 'x', count: { kind: 'Service', namespace: 'guestbook', equals: 1 } })).toMatchObject({ ok: true });
  });
});

describe('Argo CD checks', () => {
  it('application fields', () => {
    expect(check({ name: 'x', application: { name: 'nope' } }).reason).toBe('Application argocd/nope not found');
    expect(check({ name: 'x', application: { name: 'guestbook', health: 'Degraded' } }).reason).toBe('Application argocd/guestbook: status.health.status is Healthy, expected Degraded');
    expect(check({ name: 'x', application: { name: 'guestbook', sync: 'Synced', operationPhase: 'Succeeded', revision: 'main' } })).toMatchObject({ ok: true });
    expect(check({ name: 'x', application: { name: 'guestbook', revision: '0000000' } }).reason).toMatch(/^Application argocd\/guestbook: status.sync.revision is [0-9a-f]{40}, expected 0000000$/);
  });

  it('sync order: in order, out of order, missing', () => {
    expect(check({ name: 'x', sync: { app: 'guestbook', order: [{ syncWave: -1 }, { kind: 'Deployment', syncWave: 0 }] } })).toMatchObject({ ok: true });
    expect(check({ name: 'x', sync: { app: 'guestbook', order: [{ kind: 'Deployment' }, { kind: 'Service' }] } }).reason).toBe(
      'Application argocd/guestbook: kind=Service ran, but not after kind=Deployment; the last sync ran: Service/guestbook-ui (Sync wave -1), Deployment/guestbook-ui (Sync wave 0)',
    );
    expect(check({ name: 'x', sync: { app: 'guestbook', order: [{ hookType: 'PreSync' }] } }).reason).toMatch(/no result matches hookType=PreSync/);
  });

  it('rbac: unknown users and decisions with the policy line', () => {
    expect(check({ name: 'x', rbac: { as: 'bob', resource: 'applications', action: 'get', object: 'default/guestbook', allowed: true } }).reason).toBe(
      'bob get applications default/guestbook: rpc error: code = Unauthenticated desc = Invalid username or password',
    );
    expect(check({ name: 'x', rbac: { as: 'admin', resource: 'applications', action: 'sync', object: 'default/guestbook', allowed: false } })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^admin sync applications default\/guestbook: allowed, expected denied \(/),
    });
  });
});

describe('event and git checks', () => {
  it('event, and event before another', () => {
    expect(check({ name: 'x', event: { reason: 'OperationCompleted', kind: 'Application', name: 'guestbook', messageMatches: 'succeeded' } })).toMatchObject({ ok: true });
    expect(check({ name: 'x', event: { reason: 'OperationStarted', before: { reason: 'OperationCompleted' } } })).toMatchObject({ ok: true });
    expect(check({ name: 'x', event: { reason: 'OperationCompleted', before: { reason: 'OperationStarted' } } }).reason).toMatch(/^OperationStarted event was recorded first/);
    expect(check({ name: 'x', event: { reason: 'OperationCompleted', name: 'other' } }).reason).toMatch(/^no OperationCompleted event for other recorded \(1 OperationCompleted event\(s\) for other objects or messages/);
  });

  it('git: no commit yet, then a commit that does or does not match', async () => {
    const repo = 'https://github.com/sandbox/guestbook.git';
    const want: Check = { name: 'x', git: { repo, commit: { changedPath: 'service.yaml', contains: 'port: 8080' } } };
    expect(check(want).reason).toBe(`${repo}: no commit since the lab started`);
    const r = await runAction(s.world, { commit: { repo, message: 'Retarget the service', files: { 'service.yaml': 'kind: Service\nport: 80\n' } } });
    expect(r.ok).toBe(true);
    expect(check(want).reason).toMatch(/^https:\/\/github\.com\/sandbox\/guestbook\.git: 1 commit\(s\) since the lab started, none matches: commit [0-9a-f]{7} changed service\.yaml, but the new content does not match \/port: 8080\/$/);
    expect(check({ name: 'x', git: { repo, commit: { messageMatches: '^Retarget' } } })).toMatchObject({ ok: true });
  });
});

describe('actions report failures as results', () => {
  it('an RBAC denial, an unknown app, a bad manifest', async () => {
    await runAction(s.world, { apply: 'solution/rbac.yaml' });
    expect(await runAction(s.world, { argocd: { action: 'sync', app: 'guestbook', as: 'alice' } })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^rpc error: code = PermissionDenied desc = permission denied: applications, sync, default\/guestbook, sub: alice/),
    });
    expect(await runAction(s.world, { argocd: { action: 'sync', app: 'nope' }, expectError: 'code = (NotFound|PermissionDenied)' })).toMatchObject({ ok: true });
    expect(await runAction(s.world, { argocd: { action: 'refresh', app: 'guestbook' }, expectError: 'denied' })).toMatchObject({
      ok: false,
      error: 'expected an error matching /denied/, but it succeeded',
    });
    const bad = await runAction(s.world, { apply: { yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n' } });
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatch(/^inline\.yaml:4:3: .*Bad_Name/);
  });
});
