/** `load` takes a `kind: Scenario` bundle: its seed, start time, repos and manifests; replay rebuilds it exactly. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/worker/engineHost.js';

const read = (name: string) => readFileSync(resolve(import.meta.dirname, '../../../scenarios', name), 'utf8');

const hosts: EngineHost[] = [];
afterEach(() => hosts.splice(0).forEach((h) => h.dispose()));
function host(): EngineHost {
  const h = new EngineHost();
  hosts.push(h);
  return h;
}

/** The world as JSON, store objects by identity (a restored store lists kinds in dump order, which means nothing). */
function state(h: EngineHost): string {
  const s = h.world.snapshot();
  const id = (o: { kind: string; metadata: { namespace?: string; name: string } }) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  s.store.objects.sort((a, b) => (id(a) < id(b) ? -1 : 1));
  return JSON.stringify(s);
}

describe('loading a scenario bundle', () => {
  it('builds the world a bundle describes, with its seed and start time', async () => {
    const h = host();
    const result = await h.load(read('cron-day.yaml'), { file: 'scenarios/cron-day.yaml' });
    expect(result.errors).toEqual([]);
    expect(result.applied).toContain('cronworkflow/report created');
    expect(h.world.seed).toBe(4);
    expect(h.world.now()).toBe(Date.parse('2025-03-10T00:00:00Z'));
  });

  it('creates its git repositories, and a scrub back rebuilds the same world by replay', async () => {
    const h = host();
    const result = await h.load(read('self-heal.yaml'), { file: 'scenarios/self-heal.yaml' });
    expect(result.errors).toEqual([]);
    const repos = h.call('git', 'repos', []) as { url: string }[];
    expect(repos.map((r) => r.url)).toEqual(result.applied.filter((l) => l.startsWith('repository ')).map((l) => l.split(' ')[1]));
    expect(repos.length).toBeGreaterThan(0);
    await h.advance(20_000);
    const mid = h.world.now();
    const atMid = state(h);
    await h.advance(40_000);
    await h.seek(mid);
    expect(state(h)).toBe(atMid);
    const other = host();
    await other.restoreSession(h.session());
    expect(state(other)).toBe(atMid);
  });

  it('reports a bundle that does not validate as located errors, and plain manifests still load', async () => {
    const h = host();
    const bad = await h.load('kind: Scenario\ntitle: broken\nscript:\n  - at: soon\n', { file: 'scenarios/broken.yaml' });
    expect(bad.applied).toEqual([]);
    expect(bad.errors.length).toBeGreaterThan(0);
    expect(bad.errors[0]).toMatchObject({ file: 'scenarios/broken.yaml' });
    const plain = await h.load(read('default.yaml'), { file: 'scenarios/default.yaml' });
    expect(plain.applied).toContain('deployment.apps/web created');
  });
});
