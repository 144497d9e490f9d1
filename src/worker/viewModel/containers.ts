/** One badge per container of a pod: init containers first, then main containers. */
import { arr, rec } from '../../../simulator/api/tables/index.js';
import type { ContainerView } from '../protocol.js';

type Dict = Record<string, unknown>;

function view(name: string, init: boolean, status: Dict | undefined): ContainerView {
  const st = rec(status?.state);
  const base = { name, init, ready: status?.ready === true, restartCount: typeof status?.restartCount === 'number' ? status.restartCount : 0 };
  if (st.running) return { ...base, state: 'running' };
  const term = st.terminated ? rec(st.terminated) : undefined;
  if (term) {
    const v: ContainerView = { ...base, state: 'terminated', exitCode: typeof term.exitCode === 'number' ? term.exitCode : 0 };
    if (typeof term.reason === 'string' && term.reason) v.reason = term.reason;
    return v;
  }
  if (st.waiting) {
    const reason = rec(st.waiting).reason;
    return typeof reason === 'string' && reason ? { ...base, state: 'waiting', reason } : { ...base, state: 'waiting' };
  }
  return { ...base, state: 'unknown' };
}

export function containerViews(pod: Dict): ContainerView[] {
  const spec = rec(pod.spec);
  const status = rec(pod.status);
  const find = (statuses: unknown, name: unknown) => arr(statuses).find((c) => c.name === name);
  return [
    ...arr(spec.initContainers).map((c) => view(String(c.name), true, find(status.initContainerStatuses, c.name))),
    ...arr(spec.containers).map((c) => view(String(c.name), false, find(status.containerStatuses, c.name))),
  ];
}
