/**
 * The upstream examples e2e test (test/e2e/examples_test.go), on the simulator: apply every ConfigMap,
 * PersistentVolumeClaim, WorkflowTemplate and ClusterWorkflowTemplate of the directory, then run each Workflow
 * not labelled `workflows.argoproj.io/no-test` in a fresh sandbox, expect `Succeeded`, and check the
 * `workflows.argoproj.io/verify.py` assertions on its status.
 */
import { relative } from 'node:path';
import { createSandbox } from '../../simulator/index.js';
import type { KubeObject, StoredObject } from '../../simulator/index.js';
import { loadManifests } from '../../simulator/cli/manifestFiles.js';
import type { ParsedManifest } from '../../simulator/manifest/index.js';
import { runVerifyPy } from './verifyPy.js';

/** The e2e namespace (fixtures.Namespace). */
export const NAMESPACE = 'argo';
const FIXTURE_KINDS = new Set(['ConfigMap', 'PersistentVolumeClaim', 'WorkflowTemplate', 'ClusterWorkflowTemplate']);
const NO_TEST = 'workflows.argoproj.io/no-test';
const VERIFY = 'workflows.argoproj.io/verify.py';

export type Outcome = 'pass' | 'fail' | 'skip';

export interface CaseResult {
  file: string;
  name: string;
  outcome: Outcome;
  /** Workflow phase at the end (or the stage that failed: apply/lint). */
  phase?: string;
  /** Why it failed or was skipped. */
  reason?: string;
  /** A short cause label for grouping failures. */
  cause?: string;
  virtualMs?: number;
  wallMs?: number;
}

export interface ConformanceOptions {
  seed?: number;
  /** Virtual time a workflow may take (default 1h). */
  maxVirtualMs?: number;
  /** Only files whose path contains this text. */
  filter?: string;
  /** Also run workflows labelled no-test (for information: upstream never runs them). */
  includeNoTest?: boolean;
  onResult?: (r: CaseResult) => void;
}

export interface ConformanceReport {
  results: CaseResult[];
  parseErrors: { file?: string; line?: number; message: string }[];
  passed: number;
  failed: number;
  skipped: number;
}

function fixtures(manifests: ParsedManifest[]): KubeObject[] {
  return manifests.filter((m) => FIXTURE_KINDS.has(m.object.kind)).map((m) => m.object);
}

/** The failing node closest to the cause: the deepest node that failed with a message. */
function failingNode(status: Record<string, unknown>): string | undefined {
  const nodes = (status.nodes ?? {}) as Record<string, { phase?: string; message?: string; displayName?: string; type?: string }>;
  const bad = Object.values(nodes).filter((n) => (n.phase === 'Failed' || n.phase === 'Error') && n.message && (n.type === 'Pod' || n.type === 'Container' || n.type === 'Skipped' || n.type === 'HTTP' || n.type === 'Plugin' || n.type === 'Suspend'));
  const n = bad[0] ?? Object.values(nodes).find((x) => (x.phase === 'Failed' || x.phase === 'Error') && x.message);
  return n ? `${n.displayName ?? ''}: ${n.message ?? ''}` : undefined;
}

/** Unfinished leaf nodes and their pods' state: where a workflow that never ends is waiting. */
function waitingOn(sb: ReturnType<typeof createSandbox>, status: Record<string, unknown>): string | undefined {
  const nodes = (status.nodes ?? {}) as Record<string, { id?: string; phase?: string; message?: string; displayName?: string; type?: string; children?: string[] }>;
  const open = Object.entries(nodes).filter(([, n]) => (n.phase === 'Running' || n.phase === 'Pending') && !(n.children ?? []).some((c) => nodes[c]?.phase === 'Running' || nodes[c]?.phase === 'Pending'));
  if (open.length === 0) return undefined;
  const pods = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: NAMESPACE });
  return open
    .slice(0, 3)
    .map(([id, n]) => {
      const pod = pods.find((p) => p.metadata.annotations?.['workflows.argoproj.io/node-id'] === id);
      const ps = pod ? (pod.status as { phase?: string; containerStatuses?: { name: string; state?: Record<string, { reason?: string; exitCode?: number }> }[] } | undefined) : undefined;
      const cs = (ps?.containerStatuses ?? []).map((c) => `${c.name}:${Object.keys(c.state ?? {})[0] ?? '?'}`).join(',');
      return `${n.displayName ?? id} ${n.type ?? ''} ${n.phase}${n.message ? ` "${n.message}"` : ''}${pod ? ` pod ${ps?.phase ?? '?'} ${cs}` : ' (no pod)'}`;
    })
    .join('; ');
}

/** Group a failure message under a short cause, so the list reads by what to fix. */
export function causeOf(phase: string | undefined, message: string): string {
  const m = message;
  if (/invalid spec/.test(m)) return 'lint/validation rejects the spec';
  if (/not found/.test(m) && /secret|Secret/.test(m)) return 'needs a Secret from the e2e environment';
  if (/failed to resolve/.test(m)) return 'unresolved variable';
  if (/exit code/.test(m)) return 'container exited non-zero (runtime)';
  if (/expr|expression/i.test(m)) return 'expression evaluation';
  if (/artifact/i.test(m)) return 'artifacts';
  if (phase === 'Running' || phase === 'Pending' || phase === '') return 'did not finish in the virtual time limit';
  if (/verify\.py|AssertionError/.test(m)) return 'verify.py assertion';
  if (/apply|create/.test(m)) return 'apply failed';
  return `workflow ${phase ?? 'unknown'}`;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function runOne(file: string, wfManifest: KubeObject, fixtureObjs: KubeObject[], opts: ConformanceOptions = {}): Promise<CaseResult> {
  const name = wfManifest.metadata.name ?? wfManifest.metadata.generateName ?? '';
  const noTest = wfManifest.metadata.labels?.[NO_TEST];
  if (noTest !== undefined && !opts.includeNoTest) return { file, name, outcome: 'skip', reason: `Impossible to run this example: ${noTest}` };
  const t0 = performance.now();
  const sb = createSandbox({ seed: opts.seed ?? 1 });
  if (!sb.store.get({ apiVersion: 'v1', kind: 'Namespace', name: NAMESPACE })) sb.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } });
  for (const o of fixtureObjs) {
    const obj = { ...o, metadata: { ...o.metadata } };
    if (o.kind !== 'ClusterWorkflowTemplate') obj.metadata.namespace = NAMESPACE;
    try {
      sb.store.apply(obj, { fieldManager: 'go-examples', force: true });
    } catch {
      // upstream skips conflicts; a fixture another example needs and we cannot serve shows up as that example's failure
    }
  }
  let wf: StoredObject;
  try {
    wf = sb.store.create({ ...wfManifest, metadata: { ...wfManifest.metadata, namespace: NAMESPACE } });
  } catch (e) {
    const reason = `create failed: ${errorText(e)}`;
    return { file, name, outcome: 'fail', phase: 'apply', reason, cause: causeOf('apply', reason), wallMs: performance.now() - t0 };
  }
  const start = sb.now();
  const maxVirtualMs = opts.maxVirtualMs ?? 3_600_000;
  const key = { apiVersion: wf.apiVersion, kind: 'Workflow', namespace: NAMESPACE, name: wf.metadata.name };
  const done = () => {
    const p = (sb.store.get(key)?.status as { phase?: string } | undefined)?.phase;
    return p === 'Succeeded' || p === 'Failed' || p === 'Error';
  };
  let stuck = false;
  try {
    // Run until the workflow finishes (a settled world with the workflow still running is a hang).
    while (!done() && sb.now() - start < maxVirtualMs) {
      const r = await sb.runUntilSettledAsync({ maxVirtualMs: maxVirtualMs - (sb.now() - start) });
      if (r.settled && !done()) {
        // Only background timers are left (suspend durations, crons): move to the next one.
        const next = sb.scheduler.nextAt();
        if (next === undefined || next - start > maxVirtualMs) {
          stuck = next === undefined;
          break;
        }
        await sb.advanceAsync(Math.max(1, next - sb.now()));
      }
    }
  } catch (e) {
    const reason = `engine error: ${errorText(e)}`;
    return { file, name, outcome: 'fail', phase: 'engine', reason, cause: 'engine threw', wallMs: performance.now() - t0 };
  }
  const cur = sb.store.get(key);
  const status = (cur?.status ?? {}) as Record<string, unknown>;
  const phase = typeof status.phase === 'string' ? status.phase : '';
  const base = { file, name: cur?.metadata.name ?? name, phase, virtualMs: sb.now() - start, wallMs: performance.now() - t0 };
  if (phase !== 'Succeeded') {
    const why = stuck ? ' (stuck: nothing left to run)' : phase === 'Running' || phase === 'Pending' || phase === '' ? ` (not done after ${maxVirtualMs / 1000}s virtual)` : '';
    const waiting = phase === 'Running' || phase === 'Pending' ? waitingOn(sb, status) : undefined;
    const reason = `phase ${phase || '(none)'}${why}${status.message ? `: ${String(status.message)}` : ''}${failingNode(status) ? ` [${failingNode(status)}]` : ''}${waiting ? ` waiting on: ${waiting}` : ''}`;
    return { ...base, outcome: 'fail', reason, cause: stuck ? 'stuck: workflow Running with nothing scheduled' : causeOf(phase, reason) };
  }
  const verify = wfManifest.metadata.annotations?.[VERIFY];
  if (verify) {
    let failed: string | undefined;
    try {
      failed = runVerifyPy(verify, status);
    } catch (e) {
      failed = `verify.py error: ${errorText(e)}`;
    }
    if (failed) return { ...base, outcome: 'fail', reason: failed, cause: 'verify.py assertion' };
  }
  return { ...base, outcome: 'pass' };
}

/** Run every Workflow of `dir` the way examples_test.go does. */
export async function runConformance(dir: string, opts: ConformanceOptions = {}): Promise<ConformanceReport> {
  const loaded = loadManifests([dir]);
  const fixtureObjs = fixtures(loaded.manifests);
  const results: CaseResult[] = [];
  for (const m of loaded.manifests) {
    if (m.object.kind !== 'Workflow') continue;
    const file = m.file ? relative(dir, m.file) || m.file : '';
    if (opts.filter && !file.includes(opts.filter)) continue;
    const r = await runOne(file, m.object, fixtureObjs, opts);
    results.push(r);
    opts.onResult?.(r);
  }
  const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  return {
    results,
    parseErrors: loaded.errors.map((e) => ({ file: e.file ? relative(dir, e.file) : e.file, line: e.line, message: e.message })),
    passed: count('pass'),
    failed: count('fail'),
    skipped: count('skip'),
  };
}
