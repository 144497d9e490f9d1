import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../support/cliRun.js';

const root = mkdtempSync(join(tmpdir(), 'argo-sandbox-argocd-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, text: string): string {
  const p = join(root, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
}

const repo = join(root, 'repo');
write('repo/guestbook/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  key: one\n');
const worldFile = write(
  'world.yaml',
  `apiVersion: v1
kind: ConfigMap
metadata: {name: argocd-cm, namespace: argocd}
data: {accounts.alice: login}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: argocd-rbac-cm, namespace: argocd}
data: {policy.default: "role:readonly"}
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: guestbook, namespace: argocd}
spec:
  project: default
  source: {repoURL: "https://github.com/example/guestbook.git", path: guestbook, targetRevision: HEAD}
  destination: {server: "https://kubernetes.default.svc", namespace: default}
`,
);

const run = (...args: string[]) => runCli('argocd', ...args);

describe('argo-sandbox argocd app', () => {
  it('list prints argocd’s table', async () => {
    const r = await run('app', 'list', worldFile, '--repo', repo);
    expect(r.code).toBe(0);
    const [header, row] = r.stdout.trim().split('\n');
    expect(header?.split(/\s+/)).toEqual(['NAME', 'CLUSTER', 'NAMESPACE', 'PROJECT', 'STATUS', 'HEALTH', 'SYNCPOLICY', 'CONDITIONS', 'REPO', 'PATH', 'TARGET']);
    expect(row?.split(/\s+/).slice(0, 7)).toEqual(['argocd/guestbook', 'https://kubernetes.default.svc', 'default', 'default', 'OutOfSync', 'Missing', 'Manual']);
  });

  it('sync as a read-only user fails like the argocd CLI; as admin it syncs', async () => {
    const denied = await run('app', 'sync', 'guestbook', worldFile, '--repo', repo, '--as', 'alice');
    expect(denied.code).toBe(20);
    expect(denied.stderr).toMatch(/^FATA\[0000\] rpc error: code = PermissionDenied desc = permission denied: applications, sync, default\/guestbook, sub: alice, iat: /);
    const ok = await run('app', 'sync', 'guestbook', worldFile, '--repo', repo, '-o', 'json');
    expect(ok.code).toBe(0);
    const app = JSON.parse(ok.stdout) as { status: { sync: { status: string }; operationState: { phase: string; operation: { initiatedBy: { username: string } } } } };
    expect(app.status.sync.status).toBe('Synced');
    expect(app.status.operationState.phase).toBe('Succeeded');
    expect(app.status.operationState.operation.initiatedBy.username).toBe('admin');
  });

  it('rejects bad arguments with exit 2', async () => {
    expect((await run('app', 'rollback', 'guestbook', 'x', worldFile)).code).toBe(2);
    expect((await run('app', 'fly', worldFile)).code).toBe(2);
    expect((await run('app', 'get', 'guestbook')).stderr).toContain('no files given');
  });
});
