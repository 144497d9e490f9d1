/**
 * `argo-sandbox real`: argument errors, and what a learner without Docker sees — one clear message on
 * how to get Docker, exit code 2, no stack trace. (On a machine with Docker these cases are reported as
 * skipped: `npm run test:real` exercises the real thing there.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDocker, DOCKER_HELP, writeState } from '../../bridge/kind/index.js';
import { startApiServer } from '../../simulator/api/index.js';
import { createSandbox } from '../../simulator/index.js';
import { runCli } from '../support/cliRun.js';

const docker = await checkDocker();
let home: string;
const previousHome = process.env.ARGO_SANDBOX_HOME;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'argo-sandbox-home-'));
  process.env.ARGO_SANDBOX_HOME = home;
});
afterAll(() => {
  if (previousHome === undefined) delete process.env.ARGO_SANDBOX_HOME;
  else process.env.ARGO_SANDBOX_HOME = previousHome;
  rmSync(home, { recursive: true, force: true });
});

describe('argo-sandbox real: arguments and state', () => {
  it('bad subcommands and flags exit 2 with the usage', async () => {
    for (const argv of [['real'], ['real', 'sideways'], ['real', 'up', '--provider', 'minikube'], ['real', 'up', '--port', 'x'], ['real', 'status', 'extra']]) {
      const r = await runCli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^error: .+\n\nUsage: argo-sandbox real <up\|down\|status\|apply>/);
    }
    const help = await runCli('real', '--help');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('kindest/node');
  });

  it('status and down with nothing started say so', async () => {
    expect(await runCli('real', 'status')).toEqual({ code: 1, stdout: 'no real cluster is running (start one with `argo-sandbox real up`)\n', stderr: '' });
    expect(await runCli('real', 'down')).toEqual({ code: 0, stdout: 'no real cluster is running (nothing was started with `argo-sandbox real up`)\n', stderr: '' });
  });
});

describe('argo-sandbox real status / apply / down against a running cluster (argo-sandbox serve stands in)', () => {
  it('status reaches it, apply server-side applies manifests like kubectl, down forgets it', async () => {
    const sandbox = createSandbox({ seed: 3 });
    const server = await startApiServer(sandbox, { port: 0, speed: 0 });
    try {
      const kubeconfigPath = join(home, 'kubeconfig.yaml');
      // What client libraries need for a plain-http server: TLS verification off (there is no TLS).
      writeFileSync(
        kubeconfigPath,
        `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: ${server.url}\n    insecure-skip-tls-verify: true\ncontexts:\n- name: c\n  context: {cluster: c, user: u, namespace: default}\ncurrent-context: c\nusers:\n- name: u\n  user: {}\n`,
      );
      writeState({ provider: 'kind', pid: process.pid, containerId: 'not-a-container', endpoint: server.url, kubeconfigPath, bridgeUrl: 'http://127.0.0.1:1', token: 't', startedAt: '2026-01-01T00:00:00.000Z' });
      const status = await runCli('real', 'status');
      expect(status.code).toBe(0);
      expect(status.stdout).toContain(`API server: ${server.url} (reachable, nodes: sandbox-control-plane)`);

      const dir = join(home, 'manifests');
      mkdirSync(dir);
      writeFileSync(join(dir, 'a.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx:1.27}]}\n');
      writeFileSync(join(dir, 'b.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name, namespace: shop}\n');
      const applied = await runCli('real', 'apply', dir);
      expect(applied.code).toBe(1);
      expect(applied.stdout).toBe('namespace/shop serverside-applied\ndeployment.apps/web serverside-applied\n');
      expect(applied.stderr).toMatch(/^Error from server \(Invalid\): ConfigMap "Bad_Name" is invalid: metadata\.name: Invalid value/);
      expect(sandbox.store.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' })?.metadata.managedFields?.[0]?.manager).toBe('argo-sandbox');

      const down = await runCli('real', 'down');
      expect(down).toEqual({ code: 0, stdout: `Stopped the kind cluster (${server.url}) and its bridge.\n`, stderr: '' });
      expect((await runCli('real', 'status')).code).toBe(1);
    } finally {
      await server.close();
    }
  });
});

describe.skipIf(docker.ok)(`argo-sandbox real up without Docker${docker.ok ? ' [SKIPPED: Docker is available here]' : ''}`, () => {
  it('prints one clear message on how to get Docker and exits 2, no stack trace', async () => {
    const r = await runCli('real', 'up');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`error: ${DOCKER_HELP}`);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
