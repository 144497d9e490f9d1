/** Steps the sync engine runs one at a time, and a learner-facing description of them. */
import type { SyncStep, SyncTask } from './types.js';

/** Consecutive tasks with the same phase and wave form one step (input must be sorted). */
export function groupByPhaseAndWave(tasks: readonly SyncTask[]): SyncStep[] {
  const steps: SyncStep[] = [];
  for (const t of tasks) {
    const cur = steps[steps.length - 1];
    if (cur && cur.phase === t.phase && cur.wave === t.wave) cur.tasks.push(t);
    else steps.push({ phase: t.phase, wave: t.wave, tasks: [t] });
  }
  return steps;
}

/**
 * gitops-engine `multiStep`: more than one phase/wave. Only then does a sync wait for resources to become
 * healthy between steps; a single-step sync of plain resources succeeds as soon as they are applied.
 */
export function isMultiStep(tasks: readonly SyncTask[]): boolean {
  if (tasks.length === 0) return false;
  const a = tasks[0];
  const b = tasks[tasks.length - 1];
  return a.phase !== b.phase || a.wave !== b.wave;
}

/**
 * Execution order inside one step (runTasks): prunes first, then the rest in groups of consecutive tasks of
 * the same kind (each group is applied before the next starts). SyncFail tasks only run when the sync fails.
 */
export function stepExecutionOrder(step: SyncStep): { prune: SyncTask[]; applyGroups: SyncTask[][] } {
  const prune = step.tasks.filter((t) => t.isPrune);
  const applyGroups: SyncTask[][] = [];
  for (const t of step.tasks) {
    if (t.isPrune) continue;
    const g = applyGroups[applyGroups.length - 1];
    if (g && g[0].kind === t.kind) g.push(t);
    else applyGroups.push([t]);
  }
  return { prune, applyGroups };
}

const WAVE_NOTE: Readonly<Record<string, string>> = {
  'prune-reversed': 'prune waves run in reverse',
  'prune-last': 'PruneLast',
  'namespace-dependency': 'moved before the resources in this namespace',
  'crd-dependency': 'moved before its custom resources',
};

export function describeTask(t: SyncTask): string {
  const name = t.name || `${t.generateName ?? ''}<generated>`;
  const ref = `${t.kind}/${name}`;
  const notes: string[] = [];
  if (t.isHook) notes.push(`hook, delete policy ${t.deletePolicies.join(',')}`);
  if (t.isPrune) notes.push(t.pruneSkipped ? `prune ${t.pruneSkipped}` : 'prune');
  if (t.waveReason) notes.push(`${WAVE_NOTE[t.waveReason]}; annotated wave ${t.annotatedWave}`);
  if (t.skipDryRun) notes.push('skip dry run');
  return notes.length ? `${ref} (${notes.join('; ')})` : ref;
}

/** e.g. "PreSync wave -1: Job/db-migrate (hook, delete policy HookSucceeded)". Prunes are listed first. */
export function describeSyncPlan(steps: readonly SyncStep[]): string[] {
  return steps.map((s) => {
    const { prune, applyGroups } = stepExecutionOrder(s);
    const parts = [...prune, ...applyGroups.flat()].map(describeTask);
    const when = s.phase === 'SyncFail' ? ' (only if the sync fails)' : '';
    return `${s.phase} wave ${s.wave}${when}: ${parts.join(', ')}`;
  });
}
