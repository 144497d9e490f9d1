/** One reconcile of one Workflow (operator.go `operate`). */
import type { ClusterContext } from '../../sandbox.js';
import { splitKey } from '../../sandbox.js';
import { WF_API_VERSION } from '../crds/index.js';

export function operate(ctx: ClusterContext, key: string): void {
  const { namespace, name } = splitKey(key);
  const wf = ctx.store.get({ apiVersion: WF_API_VERSION, kind: 'Workflow', namespace, name });
  if (!wf) return;
}
