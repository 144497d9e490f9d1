/** Every scenario plays to its end without errors; the player keeps virtual time; bad scenarios give located errors. */
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioPlayer, scenarioFiles } from '../../simulator/scenario/index.js';
import { readFiles } from './support.js';

const files = readFiles('scenarios');

describe('scenarios/ play to the end', () => {
  for (const file of scenarioFiles(files)) {
    it(file, async () => {
      const parsed = parseScenario(files, file);
      expect(parsed.ok ? [] : parsed.errors).toEqual([]);
      if (!parsed.ok) return;
      const player = await ScenarioPlayer.start(parsed.scenario, files);
      const outcomes = await player.playToEnd();
      expect(outcomes.filter((o) => o.result && !o.result.ok).map((o) => `${o.cue.atText} ${o.result!.action}: ${o.result!.error ?? ''}`)).toEqual([]);
      expect(player.done).toBe(true);
      expect(outcomes.map((o) => o.t)).toEqual(parsed.scenario.script.map((c) => c.at));
      expect(player.sandbox.log.all().filter((e) => e.type === 'Warning' && e.reason === 'SpecError')).toEqual([]);
    });
  }

  it('default.yaml stays a plain manifest file: applied at time zero, no script', async () => {
    const parsed = parseScenario(files, 'scenarios/default.yaml');
    expect(parsed.ok && parsed.scenario.plain).toBe(true);
    if (!parsed.ok) return;
    const player = await ScenarioPlayer.start(parsed.scenario, files);
    expect(player.sandbox.store.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'demo', name: 'web' })).toBeDefined();
  });
});

const DEMO = `kind: Scenario
title: Demo
world:
  apply:
    - yaml: |
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: a, namespace: default }
script:
  - at: 30s
    delete: { kind: ConfigMap, name: a }
  - at: 10s
    callout: first
  - at: 1m
    delete: { kind: ConfigMap, name: a }
    callout: deleting again fails
`;

describe('ScenarioPlayer', () => {
  it('sorts cues by time, moves the clock to each, and reports a failing action', async () => {
    const parsed = parseScenario({ 'scenarios/demo.yaml': DEMO }, 'scenarios/demo.yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.scenario.script.map((c) => c.atText)).toEqual(['10s', '30s', '1m']);
    const p = await ScenarioPlayer.start(parsed.scenario, {});
    expect((await p.next())?.cue.callout).toBe('first');
    expect(p.elapsed()).toBe(10_000);
    const ran = await p.playUntil(45_000);
    expect(ran.map((o) => [o.t, o.result?.ok])).toEqual([[30_000, true]]);
    expect(p.elapsed()).toBe(45_000);
    expect(await p.runDue()).toEqual([]);
    await p.sandbox.advanceAsync(20_000);
    const due = await p.runDue();
    expect(due.map((o) => [o.t, o.result?.ok, o.result?.error])).toEqual([[65_000, false, 'configmaps "a" not found']]);
    expect(p.done).toBe(true);
  });

  it('invalid scenarios give located errors', () => {
    const bad = DEMO.replace('  - at: 10s\n    callout: first\n', '  - at: ten\n    callout: first\n    advance: 5s\n    settle: {}\n');
    const r = parseScenario({ 'scenarios/demo.yaml': bad }, 'scenarios/demo.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([expect.objectContaining({ file: 'scenarios/demo.yaml', line: 12, column: 5, path: 'script[1].at', message: expect.stringMatching(/"ten" is not valid/) })]);
    const two = parseScenario({ 'scenarios/demo.yaml': DEMO.replace('    callout: first\n', '    advance: 5s\n    settle: {}\n') }, 'scenarios/demo.yaml');
    expect(two.ok ? [] : two.errors).toEqual([expect.objectContaining({ line: 12, path: 'script[1]', message: 'has advance and settle: one action per script entry' })]);
  });

  it('a plain file with a bad manifest is a located error', () => {
    const r = parseScenario({ 'scenarios/x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: [1]\n' }, 'scenarios/x.yaml');
    expect(r.ok ? [] : r.errors).toEqual([expect.objectContaining({ file: 'scenarios/x.yaml', line: 1 })]);
  });
});
