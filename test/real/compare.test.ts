/**
 * The sim-vs-real comparison the Real cluster tab shows, on runs the engine really produced: two
 * identical runs compare equal row by row; a run where one step failed shows exactly those rows.
 */
import { describe, expect, it } from 'vitest';
import { SimulatedBackend } from '../../bridge/simulated/index.js';
import type { KubeObject } from '../../bridge/backend.js';
import { argoCD } from '../../simulator/argocd/index.js';
import { createSandbox } from '../../simulator/index.js';
import { compareApplication, compareRun, compareWorkflow } from '../../src/real/compare.js';
import { SEED, START } from './support.js';

function workflow(cCommand: string): KubeObject {
  const step = (cmd: string) => ({ container: { image: 'busybox:1.36', command: ['sh', '-c', cmd] } });
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'pipeline', namespace: 'default' },
    spec: {
      entrypoint: 'main',
      templates: [
        { name: 'main', steps: [[{ name: 'a', template: 'ok' }], [{ name: 'b', template: 'ok' }, { name: 'c', template: 'c' }]] },
        { name: 'ok', ...step('echo ok') },
        { name: 'c', ...step(cCommand) },
      ],
    },
  };
}

async function runWorkflow(wf: KubeObject): Promise<KubeObject | undefined> {
  const sandbox = createSandbox({ seed: SEED, startTime: START });
  const backend = new SimulatedBackend(sandbox);
  await backend.apply(wf);
  await sandbox.advanceAsync(120_000);
  return backend.get({ apiVersion: wf.apiVersion, kind: wf.kind, namespace: 'default', name: 'pipeline' });
}

async function syncApp(files: Record<string, string>): Promise<KubeObject | undefined> {
  const sandbox = createSandbox({ seed: SEED, startTime: START });
  await argoCD(sandbox).git.createRepo('https://git.example.com/org/apps.git', files, { author: { name: 'L', email: 'l@e.com', timestamp: START / 1000 } });
  const backend = new SimulatedBackend(sandbox);
  await backend.apply({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'guestbook', namespace: 'argocd' },
    spec: {
      project: 'default',
      source: { repoURL: 'https://git.example.com/org/apps.git', path: 'app', targetRevision: 'HEAD' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'default' },
      syncPolicy: { automated: {} },
    },
  });
  await sandbox.advanceAsync(300_000);
  return backend.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: 'guestbook' });
}

describe('sim vs real comparison', () => {
  it('two identical Workflow runs: every row the same', async () => {
    const a = await runWorkflow(workflow('echo ok'));
    const b = await runWorkflow(workflow('echo ok'));
    const cmp = compareWorkflow(a, b);
    expect(cmp.differences).toBe(0);
    expect(cmp.rows[0]).toEqual({ item: 'phase', type: '', sim: 'Succeeded', real: 'Succeeded', same: true });
    expect(cmp.rows.map((r) => r.item)).toEqual(expect.arrayContaining(['pipeline', 'pipeline[0].a', 'pipeline[1].b', 'pipeline[1].c']));
    expect(cmp.rows.find((r) => r.item === 'pipeline[1].c')).toMatchObject({ type: 'Pod', sim: 'Succeeded' });
  });

  it('a step that failed on one side shows as the differing rows', async () => {
    const sim = await runWorkflow(workflow('echo ok'));
    const real = await runWorkflow(workflow('exit 3'));
    const cmp = compareRun(sim, real)!;
    expect(cmp.kind).toBe('Workflow');
    const differing = cmp.rows.filter((r) => !r.same).map((r) => `${r.item}: ${r.sim} vs ${r.real}`);
    expect(differing).toEqual(['phase: Succeeded vs Failed', 'pipeline: Succeeded vs Failed', 'pipeline[1]: Succeeded vs Failed', 'pipeline[1].c: Succeeded vs Failed']);
    expect(cmp.differences).toBe(4);
  });

  it('Application sync results: resource by resource', async () => {
    const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: v\n`;
    const a = await syncApp({ 'app/one.yaml': cm('one'), 'app/two.yaml': cm('two') });
    const b = await syncApp({ 'app/one.yaml': cm('one') });
    const same = compareApplication(a, a);
    expect(same.differences).toBe(0);
    expect(same.rows.slice(0, 3).map((r) => `${r.item}=${r.sim}`)).toEqual(['sync=Synced', 'health=Healthy', 'operation=Succeeded']);
    const cmp = compareRun(a, b)!;
    expect(cmp.rows.filter((r) => !r.same)).toEqual([{ item: 'ConfigMap/default/two', type: 'Sync', sim: 'Synced', real: '—', same: false }]);
  });

  it('nothing to compare for other kinds or no objects', () => {
    expect(compareRun({ kind: 'ConfigMap' }, undefined)).toBeUndefined();
    expect(compareWorkflow(undefined, undefined)).toEqual({ kind: 'Workflow', name: '', rows: [{ item: 'phase', type: '', sim: '—', real: '—', same: true }], differences: 0 });
  });
});
