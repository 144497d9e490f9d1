/**
 * The real thing (`npm run test:real`, needs Docker): `real up` starts kind with Argo CD and Argo
 * Workflows, then the same YAML goes to the simulation and to the cluster, and the runs are compared.
 * Without Docker every test here is reported as skipped with the reason in its title, and the run
 * says so on its first line; nothing is claimed as passed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedBackend } from '../../bridge/simulated/index.js';
import type { ClusterBackend, KubeObject } from '../../bridge/backend.js';
import { checkDocker, realUp } from '../../bridge/kind/index.js';
import type { RealSession } from '../../bridge/kind/index.js';
import { argoCD } from '../../simulator/argocd/index.js';
import { GitHost } from '../../simulator/git/index.js';
import { createSandbox } from '../../simulator/index.js';
import { compareApplication, compareWorkflow } from '../../src/real/compare.js';

const docker = await checkDocker();
if (!docker.ok) process.stdout.write(`skipped: Docker not available (${docker.reason}); the real-cluster tests did not run.\n`);
const title = docker.ok ? 'real kind cluster' : `skipped: Docker not available (${docker.reason})`;

const REPO = 'https://git.example.com/org/guestbook.git';
const FILES = { 'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: guestbook-config\ndata:\n  color: blue\n' };
const author = { name: 'Learner', email: 'learner@example.com', timestamp: 1_767_225_600 };

const WORKFLOW: KubeObject = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Workflow',
  metadata: { name: 'compare-steps', namespace: 'default' },
  spec: {
    entrypoint: 'main',
    templates: [
      { name: 'main', steps: [[{ name: 'hello', template: 'say' }], [{ name: 'left', template: 'say' }, { name: 'right', template: 'say' }]] },
      { name: 'say', container: { image: 'busybox:1.36', command: ['sh', '-c', 'echo hello'] } },
    ],
  },
};

function application(repoURL: string): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'guestbook', namespace: 'argocd' },
    spec: {
      project: 'default',
      source: { repoURL, path: 'app', targetRevision: 'HEAD' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'default' },
      syncPolicy: { automated: {} },
    },
  };
}

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms = 5 * 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

const phase = (o: KubeObject | undefined) => (o?.status as { phase?: string } | undefined)?.phase;

describe.skipIf(!docker.ok)(title, () => {
  let session: RealSession;
  let sim: ClusterBackend;
  let simSandbox: ReturnType<typeof createSandbox>;

  beforeAll(async () => {
    session = await realUp({ log: (l) => process.stdout.write(`[real up] ${l}\n`) });
    simSandbox = createSandbox({ seed: 1 });
    await argoCD(simSandbox).git.createRepo(REPO, FILES, { author });
    sim = new SimulatedBackend(simSandbox);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('Argo CD and Argo Workflows are installed and ready', async () => {
    const deployments = await session.backend.list({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'argocd' });
    expect(deployments.items.map((d) => d.metadata.name)).toContain('argocd-repo-server');
    const wf = await session.backend.list({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'argo' });
    expect(wf.items.map((d) => d.metadata.name)).toContain('workflow-controller');
  });

  it('the same Workflow runs to the same node phases in the simulation and in the cluster', async () => {
    await sim.apply(WORKFLOW);
    await simSandbox.advanceAsync(10 * 60_000);
    const simWf = await sim.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default', name: 'compare-steps' });
    await session.backend.apply(WORKFLOW);
    const realWf = await until(
      'the Workflow to finish in the cluster',
      () => session.backend.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default', name: 'compare-steps' }),
      (w) => ['Succeeded', 'Failed', 'Error'].includes(phase(w) ?? ''),
    );
    const cmp = compareWorkflow(simWf, realWf);
    process.stdout.write(cmp.rows.map((r) => `${r.same ? ' ' : '≠'} ${r.item.padEnd(28)} ${r.sim.padEnd(10)} ${r.real}`).join('\n') + '\n');
    expect(cmp.differences).toBe(0);
  });

  it('the real Argo CD pulls the sandbox repository from the bridge and syncs like the simulation', async () => {
    const host = new GitHost();
    await host.createRepo(REPO, FILES, { author });
    const [served] = await session.bridge.loadGit(host.exportState());
    expect(served?.clusterURL).toBeDefined();
    // The repository credentials: the bridge's token as the HTTP password.
    await session.backend.apply({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'argo-sandbox-repo', namespace: 'argocd', labels: { 'argocd.argoproj.io/secret-type': 'repository' } },
      stringData: { type: 'git', url: served!.clusterURL!, username: 'argocd', password: session.bridge.token },
    });
    await session.backend.apply(application(served!.clusterURL!));
    const realApp = await until(
      'the Application to sync in the cluster',
      () => session.backend.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: 'guestbook' }),
      (a) => (a?.status as { operationState?: { phase?: string } } | undefined)?.operationState?.phase === 'Succeeded',
    );
    await sim.apply(application(REPO));
    await simSandbox.advanceAsync(5 * 60_000);
    const simApp = await sim.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: 'guestbook' });
    const cmp = compareApplication(simApp, realApp);
    process.stdout.write(cmp.rows.map((r) => `${r.same ? ' ' : '≠'} ${r.item.padEnd(36)} ${r.sim.padEnd(10)} ${r.real}`).join('\n') + '\n');
    expect(cmp.rows.find((r) => r.item === 'ConfigMap/default/guestbook-config')).toMatchObject({ same: true, real: 'Synced' });
  });
});
