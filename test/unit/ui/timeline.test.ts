/** Keyframes: scrubbing restores the nearest saved world and replays from there, landing on the same world as a full replay. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyManifests } from '../../../src/worker/applyManifests.js';
import { Keyframes, MAX_KEYFRAME_ITEMS, MAX_KEYFRAMES, Timeline } from '../../../src/worker/timeline/index.js';
import type { LoadInput } from '../../../src/worker/timeline/index.js';

const SCENARIO = readFileSync(resolve(import.meta.dirname, '../../../scenarios/default.yaml'), 'utf8');
const INPUT: LoadInput = { text: SCENARIO, file: 'default.yaml', seed: 3, startTime: Date.UTC(2025, 0, 1) };
const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: demo\ndata:\n  k: v\n`;

/** A timeline whose "real" clock jumps 10 s per reading, so every move may take a keyframe. */
function timeline(): Timeline<unknown> {
  let real = 0;
  return new Timeline({
    apply: (world, input) => applyManifests(world.sandbox, input.text, input.file),
    run: (world, entry) => applyManifests(world.sandbox, String(entry.args[0]), 'editor.yaml'),
    realNow: () => (real += 10_000),
  });
}

function worldJson(t: Timeline<unknown>): string {
  const s = t.world.sandbox.snapshot();
  s.store.objects.sort((a, b) => (`${a.kind}/${a.metadata.namespace}/${a.metadata.name}` < `${b.kind}/${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1));
  return JSON.stringify(s);
}

async function run(t: Timeline<unknown>): Promise<Map<number, string>> {
  t.load(INPUT);
  const at = new Map<number, string>();
  for (let i = 0; i < 6; i++) {
    await t.advanceTo(t.world.now + 25_000);
    at.set(t.world.now, worldJson(t));
    await t.advanceTo(t.world.now + 1_000);
    const e = t.record('engine', 'apply', [cm(`c${i}`)]);
    applyManifests(t.world.sandbox, String(e.args[0]), 'editor.yaml');
  }
  await t.advanceTo(t.world.now + 40_000);
  at.set(t.world.now, worldJson(t));
  return at;
}

describe('timeline keyframes', () => {
  it('keeps keyframes along the run and scrubs through them to the same worlds', async () => {
    const t = timeline();
    const at = await run(t);
    expect(t.keyframes.size).toBeGreaterThan(3);
    for (const time of [...at.keys()].reverse()) {
      await t.seek(time);
      expect(worldJson(t)).toBe(at.get(time));
    }
    // And from the start forward again, in one go.
    const end = Math.max(...at.keys());
    await t.seek(end);
    expect(worldJson(t)).toBe(at.get(end));
  });

  it('a world restored from a keyframe equals one replayed from the very start', async () => {
    const a = timeline();
    const at = await run(a);
    const t = [...at.keys()][4]!;
    await a.seek(t);
    const b = timeline();
    b.load(INPUT);
    b.entries = a.entries.slice();
    // Only the load's keyframe: b replays everything from the start.
    expect(b.keyframes.size).toBe(1);
    await b.seek(t);
    expect(worldJson(b)).toBe(worldJson(a));
  });

  it('drops keyframes from a discarded future and thins out evenly over the cap', () => {
    const k = new Keyframes();
    const snap = { store: { objects: [] }, events: [] } as never;
    for (let i = 0; i < MAX_KEYFRAMES + 1; i++) k.add({ now: i * 1000, steps: i, cursor: 0, snapshot: snap });
    expect(k.size).toBeLessThanOrEqual(MAX_KEYFRAMES / 2 + 2);
    expect(k.nearest(0)?.now).toBe(0);
    expect(k.last?.now).toBe(MAX_KEYFRAMES * 1000);
    k.truncate(10_500, 10, 0);
    expect(k.last!.now).toBeLessThanOrEqual(10_000);
    expect(k.nearest(5_500)!.now).toBeLessThanOrEqual(5_500);
  });

  it('keeps the keyframes of a large world within an item budget', () => {
    const k = new Keyframes();
    const big = { store: { objects: Array.from({ length: 50_000 }) }, events: [] } as never;
    for (let i = 0; i < 20; i++) k.add({ now: i * 1000, steps: i, cursor: 0, snapshot: big });
    expect(k.size * 50_000).toBeLessThanOrEqual(MAX_KEYFRAME_ITEMS);
    expect(k.size).toBeGreaterThanOrEqual(3);
    expect(k.nearest(0)?.now).toBe(0);
    expect(k.last?.now).toBe(19_000);
  });
});
