/**
 * Persistence and scrubbing costs: a reload restoring the world saved in IndexedDB against rebuilding the session by
 * replaying its journal (what an imported file or a share link does), and a scrub back to the middle of the run (keyframe + replay). The session under test is the
 * default scenario plus the guestbook example app synced through waves and hooks, 20 ConfigMap applies and 5 git
 * commits over 30 virtual minutes.
 */
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EngineHost } from '../../src/worker/engineHost.js';
import type { SessionState } from '../../src/worker/protocol.js';
import type { Figure } from './benchmarks.js';

const SCENARIO = readFileSync(resolve(import.meta.dirname, '../../scenarios/default.yaml'), 'utf8');
const REPO = 'https://github.com/sandbox/guestbook.git';
const cm = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  namespace: default\ndata:\n  i: "${i}"\n`;

/** The recorded session: what a learner's half hour looks like in the journal. */
export async function recordSession(): Promise<{ host: EngineHost; middle: number }> {
  const host = new EngineHost();
  host.load(SCENARIO, { file: 'scenarios/default.yaml' });
  await host.call('apps', 'addExample', []);
  await host.advance(5_000);
  let middle = 0;
  for (let i = 0; i < 20; i++) {
    host.apply(cm(i), 'cluster/cm.yaml');
    if (i % 4 === 0) await host.call('git', 'commit', [REPO, 'main', `change ${i}`, { [`extra/cm-${i}.yaml`]: cm(i) }, { name: 'bench', email: 'bench@sandbox.local' }]);
    await host.advance(90_000);
    if (i === 10) middle = host.world.now();
  }
  return { host, middle };
}

export interface SessionRestoreResult {
  entries: number;
  virtualMinutes: number;
  replayMs: number;
  snapshotMs: number;
  scrubMs: number;
  sessionKb: number;
  snapshotKb: number;
  same: boolean;
}

export async function measureSessionRestore(): Promise<SessionRestoreResult> {
  const { host, middle } = await recordSession();
  const session: SessionState = JSON.parse(JSON.stringify(host.session())) as SessionState;
  const snapshotJson = JSON.stringify(host.world.snapshot());
  try {
    const other = new EngineHost();
    let t0 = performance.now();
    await other.restoreSession(session);
    const replayMs = performance.now() - t0;
    const same = JSON.stringify(other.world.snapshot()) === snapshotJson;
    other.dispose();

    // What a reload does with the IndexedDB record: the saved world, no replay.
    const text = host.sessionText(true);
    const withFrame = `${text.session.slice(0, -1)},"frame":${text.frame}}`;
    const framed = new EngineHost();
    t0 = performance.now();
    await framed.restoreSession(JSON.parse(withFrame) as SessionState);
    const snapshotMs = performance.now() - t0;
    const sameFramed = JSON.stringify(framed.world.snapshot()) === snapshotJson;
    framed.dispose();

    t0 = performance.now();
    await host.seek(middle);
    const scrubMs = performance.now() - t0;
    return {
      entries: session.entries.length,
      virtualMinutes: Math.round((session.now - session.input.startTime) / 60_000),
      replayMs,
      snapshotMs,
      scrubMs,
      sessionKb: JSON.stringify(session).length / 1024,
      snapshotKb: withFrame.length / 1024,
      same: same && sameFramed,
    };
  } finally {
    host.dispose();
  }
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** Figures for the quality harness. */
export async function benchSessionRestore(): Promise<Figure[]> {
  const r = await measureSessionRestore();
  const what = `${r.entries} actions, ${r.virtualMinutes} virtual min`;
  return [
    { benchmark: `reload from IndexedDB: restore the saved world (${what})`, figure: r1(r.snapshotMs), unit: 'ms', target: 1500, valid: r.same },
    { benchmark: `import / share link: rebuild by replaying the journal (${what})`, figure: r1(r.replayMs), unit: 'ms', target: 1500, valid: r.same },
    { benchmark: `scrub back to the middle (keyframe + replay, ${what})`, figure: r1(r.scrubMs), unit: 'ms', target: 1500 },
    { benchmark: 'export file / share payload (journal only, JSON)', figure: r1(r.sessionKb), unit: 'kB' },
    { benchmark: 'IndexedDB record (journal + saved world, JSON)', figure: r1(r.snapshotKb), unit: 'kB' },
  ];
}
