/**
 * Labs and scenarios in the worker. Queries read lab/scenario definitions and evaluate a lab's checks against the
 * live world; actions set up a lab's or scenario's world (after the UI's `load` created a fresh sandbox with the
 * seed and start time), run a step's reference solution, and run scenario cues. Everything a call needs comes in
 * its arguments, so the journal can replay it.
 */
import { evaluateChecks, joinPath, loadLabs, runActions, setupWorld, stepBody, summarize, worldStart } from '../../../simulator/labs/index.js';
import type { ActionResult, CheckResult, LabSummary, LoadedLab } from '../../../simulator/labs/index.js';
import { parseScenario, scenarioFiles } from '../../../simulator/scenario/index.js';
import type { Scenario } from '../../../simulator/scenario/index.js';
import { runAction } from '../../../simulator/labs/index.js';
import { formatLocated } from '../../../simulator/core/errors.js';
import { defineFeature } from './types.js';
import type { FeatureHost } from './types.js';

interface Catalog {
  files: Record<string, string>;
  labs: LoadedLab[];
  errors: string[];
  scenarios: Scenario[];
}

let catalog: Promise<Catalog> | undefined;

/** Lab files load once per worker (a lazily fetched chunk); the definitions never change at run time. */
function getCatalog(): Promise<Catalog> {
  catalog ??= import('./labFiles.js').then(({ LAB_FILES: files }) => {
    const { labs, errors } = loadLabs(files);
    const scenarios: Scenario[] = [];
    const errs = errors.map(formatLocated);
    for (const f of scenarioFiles(files)) {
      const r = parseScenario(files, f);
      if (r.ok) scenarios.push(r.scenario);
      else errs.push(...r.errors.map(formatLocated));
    }
    return { files, labs, errors: errs, scenarios };
  });
  return catalog;
}

async function labOf(id: string): Promise<{ c: Catalog; l: LoadedLab }> {
  const c = await getCatalog();
  const l = c.labs.find((x) => x.lab.id === id);
  if (!l) throw new Error(`no lab "${id}"`);
  return { c, l };
}

async function scenarioOf(name: string): Promise<{ c: Catalog; s: Scenario }> {
  const c = await getCatalog();
  const s = c.scenarios.find((x) => x.name === name);
  if (!s) throw new Error(`no scenario "${name}"`);
  return { c, s };
}

/** What `load` needs to create the lab's (scenario's) sandbox before `setupLab` / `setupScenario`. */
export interface WorldStartInfo {
  seed: number;
  startTime: number;
}

export interface LabStepView {
  id: string;
  title: string;
  /** The step's markdown. */
  body: string;
  hints: string[];
  /** The reference solution (for "reveal solution"): one line per action, with the files it uses. */
  solution: SolutionLine[];
  checks: string[];
}

export interface SolutionLine {
  action: string;
  /** Files the action applies or commits, with their text, so the learner can copy them. */
  files: { path: string; text: string }[];
}

export interface LabView extends Omit<LabSummary, 'steps'>, WorldStartInfo {
  description?: string;
  steps: LabStepView[];
}

export interface ScenarioCueView {
  index: number;
  at: number;
  atText: string;
  callout?: string;
  /** One line for the cue's action, e.g. `argocd sync waves`. */
  action?: string;
}

export interface ScenarioView extends WorldStartInfo {
  name: string;
  title: string;
  description?: string;
  plain: boolean;
  cues: ScenarioCueView[];
}

export interface CueResult {
  index: number;
  /** Virtual ms after the scenario's start when it ran. */
  t: number;
  callout?: string;
  result?: ActionResult;
}

function describeAction(a: object): string {
  const [key, value] = Object.entries(a).find(([k]) => k !== 'expectError') ?? ['', ''];
  if (typeof value === 'string') return `${key} ${value}`;
  const v = value as Record<string, unknown>;
  if (key === 'argocd' || key === 'workflow') return `${key} ${String(v.action)} ${String(v.app ?? v.name)}${v.as ? ` as ${String(v.as)}` : ''}`;
  if (key === 'apply') return 'apply inline YAML';
  if (key === 'commit') return `git commit "${String(v.message)}"`;
  if (key === 'delete') return `delete ${String(v.kind)} ${v.namespace ? `${String(v.namespace)}/` : ''}${String(v.name)}`;
  return key;
}

/** The lab files an action reads (`apply: path`, commit `from:` files), or inline YAML / content as written. */
function solutionFiles(files: Record<string, string>, root: string, a: object): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  if ('apply' in a) {
    const ref = (a as { apply: string | { yaml: string } }).apply;
    if (typeof ref === 'string') out.push({ path: ref, text: files[joinPath(root, ref)] ?? '' });
    else out.push({ path: 'inline.yaml', text: ref.yaml });
  }
  if ('commit' in a) {
    for (const [path, change] of Object.entries((a as { commit: { files: Record<string, string | { from: string } | null> } }).commit.files)) {
      if (change === null) out.push({ path, text: '(deleted)' });
      else out.push({ path, text: typeof change === 'string' ? change : (files[joinPath(root, change.from)] ?? '') });
    }
  }
  return out;
}

function startInfo(spec: { seed?: number; startTime?: string }): WorldStartInfo {
  return { seed: spec.seed ?? 1, startTime: worldStart(spec) };
}

export const labsFeature = defineFeature({
  queries: {
    /** Every lab (by chapter), every scenario, and the definitions that failed to load. */
    async catalog(): Promise<{ labs: LabSummary[]; scenarios: { name: string; title: string; description?: string; cues: number }[]; errors: string[] }> {
      const c = await getCatalog();
      return {
        labs: c.labs.map(summarize),
        scenarios: c.scenarios.map((s) => ({ name: s.name, title: s.title, ...(s.description ? { description: s.description } : {}), cues: s.script.length })),
        errors: c.errors,
      };
    },
    async lab(_host: FeatureHost, id: string): Promise<LabView> {
      const { c, l } = await labOf(id);
      return {
        ...summarize(l),
        ...startInfo(l.lab.scenario),
        ...(l.lab.description ? { description: l.lab.description } : {}),
        steps: l.lab.steps.map((s, i) => ({
          id: s.id,
          title: s.title,
          body: stepBody(c.files, l, i),
          hints: s.hints ?? [],
          solution: (s.solution ?? []).map((a) => ({ action: describeAction(a), files: solutionFiles(c.files, l.root, a) })),
          checks: s.checks.map((x) => x.name),
        })),
      };
    },
    /** Every step's checks against the live world (the UI polls this on each view push). */
    async status(host: FeatureHost, id: string): Promise<CheckResult[][]> {
      const { l } = await labOf(id);
      const world = { sandbox: host.world, initialCommits: new Map<string, string>() };
      return l.lab.steps.map((s) => evaluateChecks(world, s.checks));
    },
    async scenario(_host: FeatureHost, name: string): Promise<ScenarioView> {
      const { s } = await scenarioOf(name);
      return {
        name: s.name,
        title: s.title,
        ...(s.description ? { description: s.description } : {}),
        plain: s.plain,
        ...startInfo(s.world),
        cues: s.script.map((q) => ({ index: q.index, at: q.at, atText: q.atText, ...(q.callout ? { callout: q.callout } : {}), ...(q.action ? { action: describeAction(q.action) } : {}) })),
      };
    },
    /** Virtual ms since the scenario's start, and the positions (in time order) of the cues already due. */
    async scenarioClock(host: FeatureHost, name: string): Promise<{ elapsed: number; due: number }> {
      const { s } = await scenarioOf(name);
      const elapsed = host.world.now() - worldStart(s.world);
      return { elapsed, due: s.script.filter((q) => q.at <= elapsed).length };
    },
  },
  actions: {
    /** Fill a fresh world (made by `load` with the lab's seed and start time) with the lab's repos and manifests. */
    async setupLab(host: FeatureHost, id: string): Promise<string[]> {
      const { c, l } = await labOf(id);
      try {
        await setupWorld(host.world, l.lab.scenario, c.files, l.root);
        return [];
      } catch (err) {
        return [(err as Error).message];
      }
    },
    /** Run step `step`'s reference solution (0-based) against the live world. */
    async solve(host: FeatureHost, id: string, step: number): Promise<ActionResult[]> {
      const { c, l } = await labOf(id);
      const s = l.lab.steps[step];
      if (!s) throw new Error(`lab ${id} has no step ${step + 1}`);
      return runActions({ sandbox: host.world, files: c.files, base: l.root, initialCommits: new Map() }, s.solution ?? []);
    },
    async setupScenario(host: FeatureHost, name: string): Promise<string[]> {
      const { c, s } = await scenarioOf(name);
      try {
        await setupWorld(host.world, s.world, c.files, s.base);
        return [];
      } catch (err) {
        return [(err as Error).message];
      }
    },
    /** Run cue `position` (0-based, in time order): the clock first moves to its time if that is still ahead. */
    async cue(host: FeatureHost, name: string, position: number): Promise<CueResult> {
      const { c, s } = await scenarioOf(name);
      const q = s.script[position];
      if (!q) throw new Error(`scenario ${name} has no cue ${position + 1}`);
      const start = worldStart(s.world);
      const wait = q.at - (host.world.now() - start);
      if (wait > 0) await host.world.advanceAsync(wait);
      const out: CueResult = { index: position, t: host.world.now() - start, ...(q.callout ? { callout: q.callout } : {}) };
      if (q.action) out.result = await runAction({ sandbox: host.world, files: c.files, base: s.base, initialCommits: new Map() }, q.action);
      host.changed();
      return out;
    },
  },
});
