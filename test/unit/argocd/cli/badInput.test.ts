/**
 * Bad input end to end through `argo-sandbox run app.yaml --repo DIR --until-settled -o json`: each case
 * ends with an Argo-style condition or operation message, exit code 0, and no hang.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseFolders, runCli } from '../../../support/cliRun.js';

const files = caseFolders('argo-sandbox-bad-input-');

interface Condition {
  type: string;
  message: string;
}

interface AppItem {
  kind: string;
  metadata: { name: string };
  status: {
    sync: { status: string };
    conditions?: Condition[];
    operationState?: { phase: string; message: string; syncResult: { resources: { kind: string; name: string; hookPhase?: string }[] } };
  };
}

/** Run the CLI on DIR (the repo) with app.yaml taken from DIR; the Applications it prints. */
async function run(repo: string, ...extra: string[]): Promise<{ code: number; stderr: string; apps: AppItem[] }> {
  const { code, stdout, stderr } = await runCli('run', join(repo, 'app.yaml'), '--repo', repo, '--until-settled', '-o', 'json', ...extra);
  const items = code === 0 ? (JSON.parse(stdout) as { items: AppItem[] }).items : [];
  return { code, stderr, apps: items.filter((i) => i.kind === 'Application') };
}

function application(name: string, path: string, namespace = 'default'): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${name}
  namespace: argocd
spec:
  project: default
  source:
    repoURL: https://github.com/example/apps.git
    targetRevision: HEAD
    path: ${path}
  destination:
    server: https://kubernetes.default.svc
    namespace: ${namespace}
  syncPolicy:
    automated: {}
`;
}

describe('argo-sandbox run: bad input', () => {
  it('a Helm template error is a ComparisonError with helm template\'s message, sync status Unknown', async () => {
    const repo = files({
      'app.yaml': application('chart', 'chart'),
      'chart/Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\n',
      'chart/values.yaml': 'name: web\n',
      'chart/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name | nosuchfunc }}\n',
    });
    const r = await run(repo);
    expect(r.code).toBe(0);
    const app = r.apps.find((a) => a.metadata.name === 'chart');
    expect(app?.status.sync.status).toBe('Unknown');
    expect(app?.status.conditions?.map((c) => c.type)).toEqual(['ComparisonError']);
    const message = app?.status.conditions?.[0]?.message ?? '';
    expect(message).toMatch(/^Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = `helm template \. --name-template chart --namespace default /);
    expect(message).toContain('Error: parse error at (demo/templates/cm.yaml:4): function "nosuchfunc" not defined');
    // Nothing was synced: the automated sync needs a comparison first.
    expect(app?.status.operationState).toBeUndefined();
  });

  it('a cyclic app-of-apps stops the cycle with an InvalidSpecError instead of syncing forever', async () => {
    const rootApp = application('root', 'apps', 'argocd');
    const repo = files({ 'app.yaml': rootApp, 'apps/root.yaml': rootApp, 'apps/child.yaml': application('child', 'apps', 'argocd') });
    const r = await run(repo);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('not settled');
    const child = r.apps.find((a) => a.metadata.name === 'child');
    expect(child?.status.conditions).toContainEqual(expect.objectContaining({
      type: 'InvalidSpecError',
      message: 'application child is part of a cycle of applications: root -> child -> root',
    }));
    expect(child?.status.operationState?.phase).toBe('Error');
    expect(child?.status.operationState?.message).toContain('InvalidSpecError: application child is part of a cycle of applications');
  });

  it('a hook that never completes keeps the operation Running (waiting for it) until the time limit', async () => {
    const repo = files({
      'app.yaml': application('hooked', 'app'),
      'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n',
      'app/hook.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: forever
  annotations:
    argocd.argoproj.io/hook: PreSync
spec:
  restartPolicy: Never
  containers:
    - name: main
      image: busybox
      command: [sleep, "1000000"]
`,
    });
    const r = await run(repo, '--max-virtual', '5m');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('not settled: stopped after 5m');
    const app = r.apps.find((a) => a.metadata.name === 'hooked');
    expect(app?.status.operationState?.phase).toBe('Running');
    expect(app?.status.operationState?.message).toBe('waiting for completion of hook /Pod/forever');
    // The Sync phase has not started: the ConfigMap is not applied while the PreSync hook runs.
    expect(app?.status.operationState?.syncResult.resources.map((x) => `${x.kind}/${x.name}:${x.hookPhase ?? ''}`)).toEqual(['Pod/forever:Running']);
    expect(app?.status.sync.status).toBe('OutOfSync');
  });
});
