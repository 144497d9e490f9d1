/** Workflow phase, completion, progress and node events (operator.go markWorkflowPhase, progress). */
import { fulfilled } from '../nodes/types.js';
import type { NodePhase, NodeStatus, WorkflowPhase } from '../nodes/types.js';
import { nextPhase } from './lifecycle.js';
import { LABEL_COMPLETED, LABEL_PHASE } from './names.js';
import type { Woc } from './woc.js';

export function markWorkflowPhase(woc: Woc, phase: Exclude<WorkflowPhase, ''>, message: string): void {
  const st = woc.status;
  const next = nextPhase(st.phase, phase);
  const ref = { kind: 'Workflow', namespace: woc.namespace, name: woc.name };
  if (st.phase !== next) {
    st.phase = next;
    woc.updated = true;
    const labels = (woc.wf.metadata.labels ??= {});
    labels[LABEL_PHASE] = next;
    if (labels[LABEL_COMPLETED] === undefined) labels[LABEL_COMPLETED] = 'false';
    if (next === 'Running') woc.ctx.record({ involvedObject: ref, reason: 'WorkflowRunning', message: 'Workflow Running', why: `The workflow controller started ${woc.name} at its entrypoint '${woc.spec.entrypoint ?? ''}'.` });
    if (next === 'Succeeded') woc.ctx.record({ involvedObject: ref, reason: 'WorkflowSucceeded', message: 'Workflow completed', why: 'Every node of the workflow finished successfully (or was skipped/omitted).' });
    if (next === 'Failed' || next === 'Error') {
      woc.ctx.record({ involvedObject: ref, reason: 'WorkflowFailed', type: 'Warning', message, why: `The workflow ended ${next}: ${message || 'a node failed'}.` });
    }
  }
  if (!st.startedAt && next !== 'Pending') {
    st.startedAt = woc.iso();
    woc.updated = true;
  }
  if ((st.message ?? '') !== message) {
    if (message) st.message = message;
    else delete st.message;
    woc.updated = true;
  }
  if (next === 'Error') {
    const root = woc.nodes[woc.name];
    if (root && root.phase === 'Running') woc.markNode(root, 'Error', 'Workflow operation error');
  }
}

/** A finished workflow: finishedAt, the `completed` label, the Completed condition. */
export function finishWorkflow(woc: Woc): void {
  const st = woc.status;
  st.finishedAt = woc.iso();
  (woc.wf.metadata.labels ??= {})[LABEL_COMPLETED] = 'true';
  const conds = (st.conditions ??= []).filter((c) => c.type !== 'Completed');
  conds.push({ type: 'Completed', status: 'True' });
  for (const c of conds) if (c.type === 'PodRunning') c.status = 'False';
  st.conditions = conds;
  woc.updated = true;
}

/** Progress "done/total" over Pod nodes, and the PodRunning condition. */
export function updateProgress(woc: Woc): void {
  let done = 0;
  let total = 0;
  let running = false;
  const rd = { cpu: 0, memory: 0 };
  for (const raw of woc.nodeList()) {
    if (raw.type !== 'Pod') continue;
    total++;
    let n = raw;
    if (n.phase === 'Succeeded') done++;
    if (n.phase === 'Running') running = true;
    const { startedAt, finishedAt } = n;
    if (fulfilled(n.phase) && startedAt && finishedAt) {
      if (!n.resourcesDuration) {
        n = woc.get(n.id) as NodeStatus;
        // Argo's default requests (100m CPU, 100Mi) over the pod's run time, in whole units.
        const secs = Math.max(0, Math.round((Date.parse(finishedAt) - Date.parse(startedAt)) / 1000));
        n.resourcesDuration = { cpu: Math.max(secs > 0 ? 1 : 0, Math.round(secs * 0.1)), memory: Math.max(secs > 0 ? 1 : 0, Math.round(secs * 0.1)) };
      }
      rd.cpu += n.resourcesDuration.cpu ?? 0;
      rd.memory += n.resourcesDuration.memory ?? 0;
    }
  }
  const progress = `${done}/${total}`;
  if (woc.status.progress !== progress) {
    woc.status.progress = progress;
    woc.updated = true;
  }
  if (total > 0 && (woc.status.resourcesDuration?.cpu !== rd.cpu || woc.status.resourcesDuration?.memory !== rd.memory)) {
    woc.status.resourcesDuration = rd;
    woc.updated = true;
  }
  const root = woc.peek(woc.name);
  if (root && root.progress !== progress) (woc.get(root.id) as NodeStatus).progress = progress;
  if (woc.status.phase === 'Running' || woc.status.phase === 'Pending') {
    const conds = (woc.status.conditions ??= []);
    const c = conds.find((x) => x.type === 'PodRunning');
    const s = running ? 'True' : 'False';
    if (!c) conds.push({ type: 'PodRunning', status: s });
    else if (c.status !== s) c.status = s;
    else return;
    woc.updated = true;
  }
}

/** WorkflowNode<Phase> events for nodes that changed phase in this reconcile. */
export function recordNodeEvents(woc: Woc): void {
  const ref = { kind: 'Workflow', namespace: woc.namespace, name: woc.name };
  const before = woc.phaseBefore;
  for (const n of woc.nodeList()) {
    // Nodes still frozen are the stored ones: this reconcile did not change them.
    if (Object.isFrozen(n)) continue;
    const old = before.get(n.id);
    if (old === n.phase) continue;
    if (n.phase !== 'Running' && !(n.phase === 'Succeeded' || n.phase === 'Failed' || n.phase === 'Error')) continue;
    const message = `${n.phase} node ${n.name}${n.message ? `: ${n.message}` : ''}`;
    woc.ctx.record({
      involvedObject: ref,
      reason: `WorkflowNode${n.phase}`,
      type: n.phase === 'Running' || n.phase === 'Succeeded' ? 'Normal' : 'Warning',
      message,
      why: n.phase === 'Failed' || n.phase === 'Error' ? `Node ${n.displayName} (${n.type}) ended ${n.phase}${n.message ? `: ${n.message}` : ''}.` : undefined,
    });
  }
}
