import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseFolders, runCli } from '../../support/cliRun.js';

const files = caseFolders('argo-sandbox-run-repo-');

const run = (...args: string[]) => runCli('run', ...args);

const APP = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: guestbook
  namespace: argocd
spec:
  project: default
  source:
    repoURL: https://github.com/example/guestbook.git
    targetRevision: HEAD
    path: guestbook
  destination:
    server: https://kubernetes.default.svc
    namespace: default
  syncPolicy:
    automated: {}
`;

const CM = `apiVersion: v1
kind: ConfigMap
metadata:
  name: guestbook-config
  annotations:
    argocd.argoproj.io/sync-wave: "1"
data:
  color: blue
`;

const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
  annotations:
    argocd.argoproj.io/hook: PreSync
    argocd.argoproj.io/hook-delete-policy: HookSucceeded
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: main
          image: busybox
          command: [echo, migrated]
`;

interface AppItem {
  kind: string;
  metadata: { name: string };
  status: {
    sync: { status: string; revision: string };
    health: { status: string };
    operationState: { phase: string; syncResult: { resources: { kind: string; name: string; syncPhase: string; hookType?: string; status?: string }[] } };
    resources: { kind: string; name: string; status: string }[];
  };
}

describe('argo-sandbox run --repo', () => {
  it('serves DIR as the git repo of the Application and prints it synced, resources in execution order', async () => {
    const repo = files({ 'guestbook/cm.yaml': CM, 'guestbook/job.yaml': JOB, 'README.md': '# guestbook\n' });
    const input = files({ 'app.yaml': APP });
    const r = await run(join(input, 'app.yaml'), '--repo', repo, '--until-settled', '-o', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { items: AppItem[] };
    // The Application and what it created; not Argo CD's own install (argocd-cm, the default project).
    expect(list.items.map((i) => `${i.kind}/${i.metadata.name}`)).toEqual(['ConfigMap/guestbook-config', 'Application/guestbook']);
    const app = list.items.find((i) => i.kind === 'Application');
    expect(app?.status.sync.status).toBe('Synced');
    expect(app?.status.health.status).toBe('Healthy');
    expect(app?.status.sync.revision).toMatch(/^[0-9a-f]{40}$/);
    expect(app?.status.operationState.phase).toBe('Succeeded');
    expect(app?.status.operationState.syncResult.resources.map((x) => `${x.syncPhase}:${x.kind}/${x.name}`)).toEqual([
      'PreSync:Job/migrate',
      'Sync:ConfigMap/guestbook-config',
    ]);
    expect(app?.status.resources.map((x) => `${x.kind}/${x.name}:${x.status}`)).toEqual(['ConfigMap/guestbook-config:Synced']);
  });

  it('is deterministic: the same input prints the same event timeline', async () => {
    const repo = files({ 'guestbook/cm.yaml': CM });
    const input = files({ 'app.yaml': APP });
    const a = await run(join(input, 'app.yaml'), '--repo', repo, '--until-settled', '--events');
    const b = await run(join(input, 'app.yaml'), '--repo', repo, '--until-settled', '--events');
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const reasons = a.stdout.trim().split('\n').map((l) => JSON.parse(l) as { reason: string; source: string }).filter((e) => e.source === 'argocd-application-controller').map((e) => e.reason);
    expect(reasons).toContain('OperationStarted');
    expect(reasons).toContain('OperationCompleted');
  });

  it('a missing path is a ComparisonError with sync status Unknown, and a bad DIR is an input error', async () => {
    const repo = files({ 'other/cm.yaml': CM });
    const input = files({ 'app.yaml': APP });
    const r = await run(join(input, 'app.yaml'), '--repo', repo, '--until-settled');
    expect(r.code).toBe(0);
    const app = (JSON.parse(r.stdout) as { items: (AppItem & { status: { conditions: { type: string; message: string }[] } })[] }).items.find((i) => i.kind === 'Application');
    expect(app?.status.sync.status).toBe('Unknown');
    expect(app?.status.conditions[0]).toMatchObject({
      type: 'ComparisonError',
      message: 'Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = guestbook: app path does not exist',
    });
    const bad = await run(join(input, 'app.yaml'), '--repo', join(files({}), 'nope'), '--until-settled');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not a directory');
  });
});
