/**
 * containerSet templates (container_set_template.go executeContainerSet): one pod whose user
 * containers are the set's members (each wrapped by the emissary like `main`), a `Pod` node, and one
 * `Container` node per member (`<node>.<container>`), linked by `dependencies` (members without any are
 * children of the pod node). Container nodes follow their container's status (operator.go
 * podReconciliation): exit 0 Succeeded, 64 (emissary error) Error, other codes Failed.
 *
 * Ordering: upstream the emissary holds a member until its dependencies have exited (files under
 * /var/run/argo/ctr). Here the graph travels in ARGO_TEMPLATE and the kubelet holds the member's process
 * the same way (simulator/cluster/kubelet/gate.ts).
 */
import { ApiError } from '../../core/errors.js';
import type { JsonObject } from '../../cluster/types.js';
import { isObj } from '../../cluster/types.js';
import type { Woc } from '../controller/woc.js';
import { liveCount } from '../controller/phase.js';
import { fulfilled } from '../nodes/types.js';
import type { Container, NodeStatus, Template } from '../nodes/types.js';
import { buildPod } from './pod.js';
import { registerExecutor } from './types.js';
import type { ExecuteRequest } from './types.js';

type Member = Container & { dependencies?: string[] };

function members(tmpl: Template): Member[] {
  return (tmpl.containerSet?.containers ?? []) as Member[];
}

/** The pod: W1's Argo pod shape, with `main` replaced by every member of the set. */
export function buildContainerSetPod(woc: Woc, node: NodeStatus, tmpl: Template, podName: string): ReturnType<typeof buildPod> {
  const shared = (tmpl.containerSet?.volumeMounts ?? []) as unknown[];
  const set = members(tmpl);
  const pod = buildPod(woc, node, { ...tmpl, container: set[0] ?? {} }, podName);
  const spec = pod.spec as JsonObject & { containers: JsonObject[] };
  const built: JsonObject[] = set.map((m) => {
    const { dependencies: _deps, ...c } = m;
    const one = buildPod(woc, node, { ...tmpl, container: c }, podName).spec as { containers: JsonObject[] };
    const main = one.containers.find((x) => x.name === 'main') as JsonObject;
    const env = (main.env as { name: string; value?: string }[]).map((e) => (e.name === 'ARGO_CONTAINER_NAME' ? { ...e, value: m.name ?? '' } : e));
    includeResult(env);
    const mounts = [...((main.volumeMounts as unknown[]) ?? []), ...shared];
    return { ...main, name: m.name ?? '', env, volumeMounts: mounts } as JsonObject;
  });
  spec.containers = spec.containers.flatMap((c) => (c.name === 'main' ? built : [c]));
  for (const c of [...spec.containers, ...((spec.initContainers as JsonObject[] | undefined) ?? [])]) if (Array.isArray(c.env)) includeResult(c.env as { name: string; value?: string }[]);
  return pod;
}

/** A set's `main` stdout is `outputs.result` (upstream includes it whenever a dependant may read it). */
function includeResult(env: { name: string; value?: string }[]): void {
  // (Replaced, not set: buildPod's entries may be shared and frozen.)
  for (let i = 0; i < env.length; i++) {
    const e = env[i] as { name: string; value?: string };
    if (e.name === 'ARGO_INCLUDE_SCRIPT_OUTPUT' && e.value !== 'true') env[i] = { ...e, value: 'true' };
  }
}

function executeContainerSet(woc: Woc, req: ExecuteRequest): NodeStatus {
  const tmpl = req.tmpl;
  let node = woc.byName(req.nodeName);
  if (node) return node;
  node = woc.initNode(req.nodeName, 'Pod', 'Pending', {
    templateName: req.orgTmpl.template ?? (req.orgTmpl.templateRef ? undefined : tmpl.name),
    templateRef: req.orgTmpl.templateRef,
    templateScope: req.templateScope,
    boundaryID: req.boundaryID,
    nodeFlag: req.nodeFlag,
    waitTaskResult: true,
  });
  if (tmpl.inputs && (tmpl.inputs.parameters?.length || tmpl.inputs.artifacts?.length)) node.inputs = tmpl.inputs;
  node.progress = '0/1';
  const name = woc.podName(req.nodeName, req.orgTmpl.templateRef?.template ?? tmpl.name ?? '');
  try {
    woc.ctx.store.create(buildContainerSetPod(woc, node, tmpl, name), { fieldManager: 'workflow-controller' });
    woc.activePods++;
    woc.podsCreated++;
  } catch (e) {
    if (!(e instanceof ApiError && e.status.reason === 'AlreadyExists')) return woc.markNode(node, 'Error', e instanceof Error ? e.message : String(e));
  }
  // The graph only once the pod exists (upstream: no pending nodes that could never be scheduled).
  for (const m of members(tmpl)) {
    const n = `${req.nodeName}.${m.name ?? ''}`;
    if (!woc.byName(n)) woc.initNode(n, 'Container', 'Pending', { templateScope: req.templateScope, boundaryID: node.id, nodeFlag: req.nodeFlag });
  }
  for (const m of members(tmpl)) {
    const n = `${req.nodeName}.${m.name ?? ''}`;
    if (!m.dependencies?.length) woc.addChild(req.nodeName, n);
    for (const d of m.dependencies ?? []) woc.addChild(`${req.nodeName}.${d}`, n);
  }
  return node;
}

interface CtrStatus {
  name: string;
  state?: { waiting?: unknown; running?: unknown; terminated?: { exitCode?: number; reason?: string; message?: string } };
}

/** Container nodes from their pod's container statuses; run after the pod nodes are reconciled. */
export function reconcileContainerNodes(woc: Woc): void {
  // No unfinished Container node (the stored map's tally says so): no walk over every node.
  if (liveCount(woc, 'containers') === 0) return;
  for (const raw of woc.nodeList()) {
    if (raw.type !== 'Container' || fulfilled(raw.phase) || !raw.boundaryID) continue;
    const node = woc.get(raw.id) as NodeStatus;
    if (!node.boundaryID) continue;
    const parent = woc.get(node.boundaryID);
    if (!parent) continue;
    const pod = woc.pods.get(parent.id);
    const ctrName = node.name.slice(parent.name.length + 1);
    if (!pod) {
      if (fulfilled(parent.phase)) woc.markNode(node, 'Error', 'container deleted');
      continue;
    }
    const st = isObj(pod.status) ? pod.status : {};
    const statuses = (Array.isArray(st.containerStatuses) ? st.containerStatuses : []) as unknown as CtrStatus[];
    const c = statuses.find((x) => x.name === ctrName);
    const podFailed = st.phase === 'Failed';
    if (c?.state?.terminated) {
      const t = c.state.terminated;
      const code = t.exitCode ?? 0;
      const message = `${c.name}: ${t.reason ?? ''} (exit code ${code}): ${t.message ?? ''}`;
      if (code === 0) woc.markNode(node, 'Succeeded');
      else woc.markNode(node, code === 64 ? 'Error' : 'Failed', message);
    } else if (podFailed) woc.markNode(node, 'Failed', 'Pod Failed whilst container running');
    else if (c?.state?.running) woc.markNode(node, 'Running');
    else if (fulfilled(parent.phase)) woc.markNode(node, parent.phase === 'Succeeded' ? 'Succeeded' : parent.phase, parent.message);
  }
}

registerExecutor({ type: 'containerSet', execute: executeContainerSet });
