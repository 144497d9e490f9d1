import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(__dirname, '../../../bin/argo-sandbox.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('the argo-sandbox bin entry (a real process)', () => {
  it('runs the default scenario to settled and prints a List of Running and Completed pods', () => {
    const r = run('run', join(__dirname, '../../../scenarios/default.yaml'), '--until-settled', '-o', 'json');
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as { kind: string; items: { kind: string; status?: { phase?: string } }[] };
    expect(list.kind).toBe('List');
    const phases = list.items.filter((i) => i.kind === 'Pod').map((i) => i.status?.phase).sort();
    expect(phases).toEqual(['Running', 'Running', 'Running', 'Succeeded']);
  });

  it('exits 2 with a located error on bad input, and still runs the valid documents', () => {
    const dir = mkdtempSync(join(tmpdir(), 'argo-sandbox-bin-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\nkind: [\n');
    const r = run('run', file, '-o', 'json');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+: error converting YAML to JSON/);
    expect(r.stdout).toContain('"name": "ok"');
  });
});
