import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseServeArgs, startServe } from '../../../simulator/cli/commands/serve.js';
import { captureIO } from '../../support/cliIO.js';

describe('argo-sandbox serve', () => {
  it('parses its options and rejects bad ones', () => {
    expect(parseServeArgs(['--port', '0', '--speed', '10', '--seed', '4', 'a.yaml'])).toEqual({
      ok: true,
      options: { paths: ['a.yaml'], port: 0, host: '127.0.0.1', speed: 10, seed: 4 },
    });
    expect(parseServeArgs(['--port', 'x'])).toMatchObject({ ok: false, error: 'invalid --port "x": expected 0-65535' });
    expect(parseServeArgs(['--speed', '-1'])).toMatchObject({ ok: false });
    expect(parseServeArgs(['--bogus'])).toMatchObject({ ok: false });
  });

  it('applies the manifests, serves them, prints how to connect and writes a kubeconfig', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'serve-test-'));
    writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: "1"\n');
    const c = captureIO();
    const serving = await startServe({ paths: [join(dir, 'cm.yaml')], port: 0, host: '127.0.0.1', speed: 1, seed: 1, kubeconfig: join(dir, 'kubeconfig'), startTime: Date.UTC(2026, 0, 2) }, c.io);
    try {
      const out = c.all();
      expect(out).toContain('Applied 1 object.');
      expect(out).toContain(`Serving a Kubernetes-compatible API on ${serving.server.url}\n`);
      expect(out).toContain(`kubectl --server ${serving.server.url} get pods -A`);
      expect(readFileSync(join(dir, 'kubeconfig'), 'utf8')).toContain(`server: ${serving.server.url}\n`);
      const res = await fetch(`${serving.server.url}/api/v1/namespaces/default/configmaps/settings`);
      // Applied before serving, at the start time the command took from the wall clock.
      expect(await res.json()).toMatchObject({ data: { a: '1' }, metadata: { creationTimestamp: '2026-01-02T00:00:00Z' } });
    } finally {
      await serving.server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
