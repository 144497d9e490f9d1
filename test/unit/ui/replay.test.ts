/** Scrubbing is deterministic replay: a world rebuilt at T equals a fresh run to T, and going forward again restores the original. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/worker/engineHost.js';

const SCENARIO = readFileSync(resolve(import.meta.dirname, '../../../scenarios/default.yaml'), 'utf8');
const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  color: blue\n';
const CM_REF = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'settings' };
const REPO = 'https://git.example.com/team/guestbook.git';

const hosts: EngineHost[] = [];
afterEach(() => hosts.splice(0).forEach((h) => h.dispose()));

function newHost(): EngineHost {
  const h = new EngineHost();
  hosts.push(h);
  h.load(SCENARIO, { file: 'default.yaml', seed: 7 });
  return h;
}

/**
 * The world as JSON. Store objects are sorted by identity: a restored store iterates its kinds in the order the dump
 * listed them, not in the order the original first created them, which carries no meaning.
 */
function state(h: EngineHost): string {
  const s = h.world.snapshot();
  const id = (o: { apiVersion: string; kind: string; metadata: { namespace?: string; name: string } }) => `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  s.store.objects.sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
  return JSON.stringify(s);
}

/** The first path where two JSON worlds differ (short failure messages instead of two whole worlds). */
function firstDiff(a: unknown, b: unknown, path = '$'): string | undefined {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return a === b ? undefined : `${path}: ${JSON.stringify(a)?.slice(0, 300)} != ${JSON.stringify(b)?.slice(0, 300)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return undefined;
}

function expectSame(actual: string, expected: string | undefined): void {
  expect(firstDiff(JSON.parse(actual), JSON.parse(expected ?? 'null'))).toBeUndefined();
}

/** A session with a git write, an apply, a delete and a Step-precise apply, recording the world after each phase. */
async function recordedRun(): Promise<{ host: EngineHost; at: Map<number, string> }> {
  const host = newHost();
  const at = new Map<number, string>();
  const mark = () => at.set(host.world.now(), state(host));
  await host.advance(20_000);
  // Marks fall between actions: an action at exactly T belongs to the world at T.
  mark();
  await host.advance(1_000);
  await host.call('git', 'createRepo', [REPO, { 'app/cm.yaml': CM }]);
  await host.advance(5_000);
  host.apply(CM, 'cluster/settings.yaml');
  mark();
  await host.advance(45_000);
  mark();
  await host.advance(1_000);
  host.call('cluster', 'delete', [CM_REF]);
  // Step stops between work items due at the same millisecond; the apply after it must land at that exact point.
  for (let i = 0; i < 5; i++) await host.step();
  host.apply(CM.replace('blue', 'green'), 'cluster/settings.yaml');
  await host.advance(40_000);
  mark();
  return { host, at };
}

/** A fresh host doing the same things up to `t`, without scrubbing. */
async function freshTo(t: number, host: EngineHost): Promise<string> {
  const fresh = newHost();
  await fresh.restoreSession({ ...host.session(), entries: host.journal().filter((e) => e.t <= t), now: t });
  return state(fresh);
}

describe('scrub by deterministic replay', () => {
  it('going back to T equals a fresh run to T, and forward again equals the original', async () => {
    const { host, at } = await recordedRun();
    const times = [...at.keys()];
    const end = times[times.length - 1]!;
    expect(host.journal().map((e) => `${e.feature}.${e.method}`)).toEqual(['git.createRepo', 'engine.apply', 'cluster.delete', 'engine.apply']);

    for (const t of [times[0]!, times[1]!, times[2]!]) {
      await host.seek(t);
      expect(host.world.now()).toBe(t);
      expectSame(state(host), at.get(t));
    }
    // Before the ConfigMap was applied it does not exist; after, it does.
    await host.seek(times[0]!);
    expect(host.call('cluster', 'get', [CM_REF])).toBeNull();
    await host.seek(end);
    expectSame(state(host), at.get(end));
    expect((host.call('cluster', 'get', [CM_REF]) as { data: { color: string } }).data.color).toBe('green');
    // The journal is kept whole while only scrubbing.
    expect(host.journal()).toHaveLength(4);
  });

  it('a world rebuilt from scratch by the same inputs matches the scrubbed one', async () => {
    const { host, at } = await recordedRun();
    const t = [...at.keys()][1]!;
    await host.seek(t);
    expectSame(await freshTo(t, host), state(host));
  });

  it('an action refused before it changed anything leaves no journal entry', async () => {
    const host = newHost();
    expect(() => host.call('cluster', 'delete', [{ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'missing' }])).toThrow();
    expect(host.journal()).toEqual([]);
  });

  it('acting after scrubbing back discards the journal after that point', async () => {
    const { host, at } = await recordedRun();
    const t = [...at.keys()][1]!;
    await host.seek(t);
    host.call('cluster', 'delete', [CM_REF]);
    expect(host.journal().map((e) => `${e.feature}.${e.method}`)).toEqual(['git.createRepo', 'engine.apply', 'cluster.delete']);
    expect(host.snapshot().timeline?.horizon).toBe(t);
    await host.advance(10_000);
    expect(host.call('cluster', 'get', [CM_REF])).toBeNull();
  });

  it('playing forward after a scrub back replays the recorded future at its times', async () => {
    const { host, at } = await recordedRun();
    const times = [...at.keys()];
    await host.seek(times[0]!);
    await host.advance(times[2]! - times[0]!);
    expectSame(state(host), at.get(times[2]!));
    expect(host.snapshot().timeline?.cursor).toBe(2);
  });

  it('a saved session restores the same world in a new host', async () => {
    const { host, at } = await recordedRun();
    const end = [...at.keys()].pop()!;
    const saved = JSON.parse(JSON.stringify(host.session())) as ReturnType<EngineHost['session']>;
    const other = newHost();
    await other.restoreSession(saved);
    expectSame(state(other), at.get(end));
    expect(other.snapshot().timeline?.marks.map((m) => m.label)).toEqual(['git.createRepo', 'apply cluster/settings.yaml', 'cluster.delete', 'apply cluster/settings.yaml']);
  });

  it('a session saved with its world restores without replay, scrubs back by replay, and runs on identically', async () => {
    const { host, at } = await recordedRun();
    const times = [...at.keys()];
    const text = host.sessionText(true);
    const saved = { ...(JSON.parse(text.session) as ReturnType<EngineHost['session']>), frame: JSON.parse(text.frame!) as NonNullable<ReturnType<EngineHost['session']>['frame']> };
    expect(saved.frame?.now).toBe(saved.now);
    const other = newHost();
    await other.restoreSession(saved);
    expectSame(state(other), at.get(times[times.length - 1]!));
    await Promise.all([host.advance(30_000), other.advance(30_000)]);
    expectSame(state(other), state(host));
    await other.seek(times[1]!);
    expectSame(state(other), at.get(times[1]!));
  });

  it('a saved frame older than the session restores and replays the actions after it; another journal\'s frame is ignored', async () => {
    const { host, at } = await recordedRun();
    const times = [...at.keys()];
    await host.seek(times[1]!);
    const early = host.sessionText(true).frame!;
    await host.seek(times[times.length - 1]!);
    const session = host.session();
    const other = newHost();
    await other.restoreSession({ ...session, frame: JSON.parse(early) as NonNullable<typeof session.frame> });
    expectSame(state(other), at.get(times[times.length - 1]!));
    // The same frame with a different journal (an action removed) is not used: replay gives that journal's world.
    const fork = { ...session, entries: session.entries.slice(0, 1), frame: JSON.parse(early) as NonNullable<typeof session.frame> };
    const third = newHost();
    await third.restoreSession(fork);
    expect(third.call('cluster', 'get', [CM_REF])).toBeNull();
  });
});
