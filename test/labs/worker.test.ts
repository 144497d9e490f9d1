/**
 * The Labs tab's worker side through the real EngineHost (no browser): a lab's world built by `load` + the journaled
 * `setupLab` action, a step solved there, and the same world rebuilt from the saved session by replay.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EngineHost } from '../../src/worker/engineHost.js';
import type { CheckResult } from '../../simulator/labs/index.js';
import type { LabView } from '../../src/worker/features/labs.js';
import { readFiles, startLab } from './support.js';

const hosts: EngineHost[] = [];
afterEach(() => {
  for (const h of hosts.splice(0)) h.dispose();
});

function newHost(): EngineHost {
  const h = new EngineHost();
  hosts.push(h);
  return h;
}

const ID = 'argocd-first-application';
const green = (rs: CheckResult[]) => rs.every((r) => r.ok);

describe('labs feature in the engine host', () => {
  it('sets up a lab, solves step 1, and a replayed session gives the same checks', async () => {
    const host = newHost();
    const catalog = (await host.call('labs', 'catalog', [])) as { labs: { id: string }[]; errors: string[] };
    expect(catalog.errors).toEqual([]);
    expect(catalog.labs.map((l) => l.id)).toContain(ID);
    const lab = (await host.call('labs', 'lab', [ID])) as LabView;
    host.load('', { seed: lab.seed, startTime: lab.startTime, file: `${lab.root}/lab.yaml` });
    expect(await host.call('labs', 'setupLab', [ID])).toEqual([]);
    const before = (await host.call('labs', 'status', [ID])) as CheckResult[][];
    expect(green(before[0]!)).toBe(false);
    const solved = (await host.call('labs', 'solve', [ID, 0])) as { ok: boolean }[];
    expect(solved.every((r) => r.ok)).toBe(true);
    const after = (await host.call('labs', 'status', [ID])) as CheckResult[][];
    expect(after[0]!.filter((r) => !r.ok)).toEqual([]);

    // The CLI and tests build the same world: same events, byte for byte.
    const headless = await startLab(readFiles('labs'), `labs/${ID}`);
    await headless.applySolution(0);
    expect(headless.sandbox.log.toJsonLines()).toBe(host.world.log.toJsonLines());

    const replayed = newHost();
    await replayed.restoreSession(host.session());
    expect(await replayed.call('labs', 'status', [ID])).toEqual(after);
    expect(replayed.world.log.toJsonLines()).toBe(host.world.log.toJsonLines());
  });

  it('a scenario cue moves the clock to its time and runs its action', async () => {
    const host = newHost();
    const sc = (await host.call('labs', 'scenario', ['sync-waves'])) as { seed: number; startTime: number; cues: { at: number }[] };
    host.load('', { seed: sc.seed, startTime: sc.startTime, file: 'scenarios/sync-waves.yaml' });
    expect(await host.call('labs', 'setupScenario', ['sync-waves'])).toEqual([]);
    const r0 = (await host.call('labs', 'cue', ['sync-waves', 0])) as { t: number; callout?: string };
    expect(r0.t).toBe(sc.cues[0]!.at);
    const r1 = (await host.call('labs', 'cue', ['sync-waves', 1])) as { t: number; result?: { ok: boolean; action: string } };
    expect(r1).toMatchObject({ t: sc.cues[1]!.at, result: { ok: true, action: 'argocd app sync waves (as admin)' } });
    expect(await host.call('labs', 'scenarioClock', ['sync-waves'])).toEqual({ elapsed: sc.cues[1]!.at, due: 2 });
  });
});
