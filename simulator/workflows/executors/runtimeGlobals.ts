/**
 * setGlobalRuntimeParameters / the cron scheduled time (operator.go setGlobalParameters): globals that
 * change while a workflow runs, set at the start of every reconcile.
 */
import type { Vars } from '../params/template.js';
import type { Woc } from '../controller/woc.js';

/** CronWorkflow-created workflows carry the time they were scheduled for. */
const ANNOTATION_SCHEDULED_TIME = 'workflows.argoproj.io/scheduled-time';

/** workflowDurationSeconds, formatted like Go's `%f`: 0 before the start, finishedAt - startedAt once completed. */
export function workflowDurationSeconds(woc: Woc): string {
  const st = woc.status;
  const started = st.startedAt ? Date.parse(st.startedAt) : NaN;
  if (Number.isNaN(started)) return (0).toFixed(6);
  const completed = st.phase === 'Succeeded' || st.phase === 'Failed' || st.phase === 'Error';
  const finished = completed && st.finishedAt ? Date.parse(st.finishedAt) : woc.now();
  return ((finished - started) / 1000).toFixed(6);
}

const MENTIONS_DURATION = new WeakMap<object, boolean>();

/** Whether the spec uses `workflow.duration` (once per spec object: the stored spec keeps its identity). */
function usesDuration(spec: object): boolean {
  let v = MENTIONS_DURATION.get(spec);
  if (v === undefined) MENTIONS_DURATION.set(spec, (v = JSON.stringify(spec).includes('workflow.duration')));
  return v;
}

export function runtimeGlobals(woc: Woc): Vars {
  const out: Vars = {};
  // Only when used: a value that changes every reconcile would defeat the processed-template cache.
  if (usesDuration(woc.spec)) out['workflow.duration'] = workflowDurationSeconds(woc);
  const scheduled = woc.wf.metadata.annotations?.[ANNOTATION_SCHEDULED_TIME];
  if (scheduled) out['workflow.scheduledTime'] = scheduled;
  return out;
}
