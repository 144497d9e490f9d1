/**
 * Workflow TTL (workflow/gccontroller): a finished workflow is deleted `ttlStrategy.secondsAfterSuccess`,
 * `secondsAfterFailure` or `secondsAfterCompletion` seconds after `status.finishedAt` (plus the controller's
 * one second of slack). The wait is a background timer: it does not keep the world from settling.
 */
import type { ClusterContext, ClusterController } from '../../sandbox.js';
import { splitKey } from '../../sandbox.js';
import { isObj } from '../../cluster/types.js';
import type { StoredObject } from '../../cluster/types.js';
import { deleteIfPresent } from '../../cluster/controllers/shared/objects.js';
import { gcConfig } from './config.js';

const WF_API = 'argoproj.io/v1alpha1';
type Dict = Record<string, unknown>;
const dict = (v: unknown): Dict => (isObj(v) ? v : {});

/** Workflow.GetTTLStrategy: the workflow's, else the stored template spec's, else the configmap default. */
function ttlStrategyOf(ctx: ClusterContext, wf: StoredObject): Dict | undefined {
  const own = dict(wf.spec).ttlStrategy;
  if (isObj(own)) return own;
  const stored = dict(dict(wf.status).storedWorkflowTemplateSpec).ttlStrategy;
  if (isObj(stored)) return stored;
  return gcConfig(ctx.store).defaultTTLStrategy;
}

/** ttl(): which field applies for the workflow's phase, in seconds. */
export function ttlSeconds(strategy: Dict | undefined, phase: string): { seconds: number; field: string } | undefined {
  if (!strategy) return undefined;
  const n = (k: string) => (typeof strategy[k] === 'number' ? (strategy[k] as number) : undefined);
  if (phase === 'Failed' && n('secondsAfterFailure') !== undefined) return { seconds: n('secondsAfterFailure')!, field: 'secondsAfterFailure' };
  if (phase === 'Succeeded' && n('secondsAfterSuccess') !== undefined) return { seconds: n('secondsAfterSuccess')!, field: 'secondsAfterSuccess' };
  if ((phase === 'Succeeded' || phase === 'Failed' || phase === 'Error') && n('secondsAfterCompletion') !== undefined) {
    return { seconds: n('secondsAfterCompletion')!, field: 'secondsAfterCompletion' };
  }
  return undefined;
}

function reconcileTTL(ctx: ClusterContext, wf: StoredObject, key: string): void {
  const status = dict(wf.status);
  const phase = typeof status.phase === 'string' ? status.phase : '';
  const ttl = ttlSeconds(ttlStrategyOf(ctx, wf), phase);
  const finished = typeof status.finishedAt === 'string' ? Date.parse(status.finishedAt) : NaN;
  if (!ttl || Number.isNaN(finished)) return;
  const due = finished + ttl.seconds * 1000 + 1000;
  const now = ctx.now();
  if (due > now) return ctx.enqueue(key, due - now, { background: true });
  if (!deleteIfPresent(ctx.store, wf, 'Background')) return;
  ctx.record({
    involvedObject: { apiVersion: wf.apiVersion, kind: 'Workflow', namespace: wf.metadata.namespace, name: wf.metadata.name, uid: wf.metadata.uid },
    reason: 'WorkflowTTLExpired',
    message: `Deleting garbage collected workflow ${wf.metadata.namespace}/${wf.metadata.name}`,
    why: `ttlStrategy.${ttl.field} is ${ttl.seconds}s and the workflow ended ${phase} at ${String(status.finishedAt)}.`,
  });
}

export const workflowTTLController: ClusterController = {
  name: 'workflow-ttl',
  component: 'workflow-controller',
  watches: [{ group: 'argoproj.io', kind: 'Workflow' }],
  reconcile(ctx, key) {
    const { namespace, name } = splitKey(key);
    const wf = ctx.store.get({ apiVersion: WF_API, kind: 'Workflow', namespace, name });
    if (wf && !wf.metadata.deletionTimestamp) reconcileTTL(ctx, wf, key);
  },
};
