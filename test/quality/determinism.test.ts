/**
 * Determinism of whole worlds: every scenario and every lab's reference solution, run twice with the same seed,
 * gives the same event log and the same objects byte for byte (hashed). With another seed the identities and
 * timings drawn from the RNG change (generated names, uids, jitter), but what happens does not: the same objects
 * reach the same phases.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LabSession, labRoots, loadLab } from '../../simulator/labs/index.js';
import type { Lab } from '../../simulator/labs/index.js';
import { parseScenario, ScenarioPlayer, scenarioFiles } from '../../simulator/scenario/index.js';
import type { Scenario } from '../../simulator/scenario/index.js';
import type { Sandbox } from '../../simulator/sandbox.js';
import { readFiles } from '../labs/support.js';

const files = readFiles('scenarios', 'labs');

function fingerprint(sb: Sandbox): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(sb.log.all()));
  h.update(JSON.stringify(sb.store.dump()));
  return h.digest('hex');
}

/** What happened, without the RNG's choices of names and times: per kind, the multiset of outcomes. */
function outcome(sb: Sandbox): string[] {
  const out: string[] = [];
  for (const o of sb.store.allObjects()) {
    if (o.kind === 'Event' || o.kind === 'Lease' || o.kind === 'Endpoints') continue;
    const st = (o as { status?: { phase?: string; sync?: { status?: string }; health?: { status?: string }; succeeded?: number; readyReplicas?: number } }).status;
    out.push([o.kind, st?.phase ?? '', st?.sync?.status ?? '', st?.health?.status ?? '', st?.succeeded ?? '', st?.readyReplicas ?? ''].join(' '));
  }
  return out.sort();
}

async function playScenario(scenario: Scenario, seed: number): Promise<Sandbox> {
  const player = await ScenarioPlayer.start({ ...scenario, world: { ...scenario.world, seed } }, files);
  await player.playToEnd();
  return player.sandbox;
}

async function solveLab(lab: Lab, root: string, seed: number): Promise<Sandbox> {
  const session = await LabSession.start({ ...lab, scenario: { ...lab.scenario, seed } }, files, root);
  const results = await session.solveThrough(lab.steps.length - 1);
  expect(results.filter((r) => !r.ok).map((r) => r.error)).toEqual([]);
  // Every step is solved: the world is the finished lab (its last step's checks hold).
  expect(session.evaluate(lab.steps.length - 1).filter((c) => !c.ok)).toEqual([]);
  return session.sandbox;
}

describe('determinism: scenarios', () => {
  for (const file of scenarioFiles(files)) {
    it(`${file}: same seed → same event log and objects; another seed → same outcomes`, async () => {
      const parsed = parseScenario(files, file);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const a = await playScenario(parsed.scenario, 7);
      const b = await playScenario(parsed.scenario, 7);
      expect(fingerprint(b)).toBe(fingerprint(a));
      const c = await playScenario(parsed.scenario, 8);
      expect(outcome(c)).toEqual(outcome(a));
    });
  }
});

describe('determinism: labs (reference solutions)', () => {
  for (const root of labRoots(files)) {
    it(`${root}: the solved world is identical for the same seed`, async () => {
      const loaded = loadLab(files, root);
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
      const seed = loaded.lab.scenario.seed ?? 1;
      const a = await solveLab(loaded.lab, loaded.root, seed);
      const b = await solveLab(loaded.lab, loaded.root, seed);
      expect(fingerprint(b)).toBe(fingerprint(a));
    });
  }
});
