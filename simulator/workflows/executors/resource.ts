/**
 * Resource templates (operator.go executeResource + argoexec resource). Real Argo runs
 * `argoexec resource <action>` in a pod that ends when the action and its conditions are done. The
 * sandbox creates that pod in Argo's shape (so `{{pod.name}}` exists and can be patched, and
 * `setOwnerReference` owns objects by it like upstream) but does the work from the controller, against
 * the store: the action happens when the node starts, then `successCondition` / `failureCondition` are
 * polled every 5 s of virtual time (argoexec's RESOURCE_STATE_CHECK_INTERVAL), then outputs are read.
 * The node follows that work, not the pod (a documented simplification: the pod carries no node-id
 * annotation, and its `argoexec resource` process is a no-op in the sandbox runtime).
 */
import { WF_API_VERSION } from '../crds/index.js';
import type { StoredObject } from '../../cluster/types.js';
import type { Woc } from '../controller/woc.js';
import { ApiError } from '../../core/errors.js';
import { ANNOTATION_NODE_ID } from '../controller/names.js';
import { ARGOEXEC_IMAGE, buildPod } from './pod.js';
import { fulfilled } from '../nodes/types.js';
import type { NodeStatus, Template } from '../nodes/types.js';
import { runResourceAction } from './resourceAction.js';
import type { ActionOutcome, ResourceTemplate } from './resourceAction.js';
import { ConditionParseError, matchConditions, parseConditions } from './resourceConditions.js';
import type { ConditionRequirement } from './resourceConditions.js';
import { resourceOutputParameters } from './resourceOutputs.js';
import { podlessState, readManifestArtifact } from './podless.js';
import { registerExecutor } from './types.js';
import type { ExecuteRequest } from './types.js';

/** argoexec's default RESOURCE_STATE_CHECK_INTERVAL. */
export const RESOURCE_POLL_MS = 5_000;

interface Waiting {
  namespace: string;
  resourceName: string;
  key: NonNullable<ActionOutcome['key']>;
}

function conditions(res: ResourceTemplate): { success: ConditionRequirement[]; failure: ConditionRequirement[] } {
  const parse = (text: string | undefined, what: string): ConditionRequirement[] => {
    if (!text) return [];
    try {
      return parseConditions(text);
    } catch (e) {
      const msg = e instanceof ConditionParseError ? e.message : String(e);
      throw new Error(`${what} condition '${text}' failed to parse: ${msg}`);
    }
  };
  return { success: parse(res.successCondition, 'success'), failure: parse(res.failureCondition, 'fail') };
}

function finish(woc: Woc, node: NodeStatus, tmpl: Template, obj: StoredObject | undefined): NodeStatus {
  const params = resourceOutputParameters(tmpl.outputs?.parameters, obj);
  if (params.length > 0) node.outputs = { ...(node.outputs ?? {}), parameters: params };
  podlessState(woc).delete(node.id);
  node.progress = '1/1';
  return woc.markNode(node, 'Succeeded', '');
}

function fail(woc: Woc, node: NodeStatus, phase: 'Failed' | 'Error', message: string): NodeStatus {
  podlessState(woc).delete(node.id);
  return woc.markNode(node, phase, message);
}

function check(woc: Woc, node: NodeStatus, tmpl: Template, w: Waiting): NodeStatus {
  const res = (tmpl.resource ?? {}) as ResourceTemplate;
  const { success, failure } = conditions(res);
  const obj = woc.ctx.store.get(w.key);
  if (!obj) return fail(woc, node, 'Failed', `The resource has been deleted while its status was still being checked. Will not be retried: ${w.resourceName} not found`);
  const r = matchConditions(obj, success, failure);
  if (r.state === 'succeeded') return finish(woc, node, tmpl, obj);
  if (r.state === 'failed') return fail(woc, node, 'Failed', r.message);
  woc.requeue(RESOURCE_POLL_MS);
  // Pending while it waits: the pod status reconciliation errors a running Pod node that has no pod.
  return woc.markNode(node, 'Pending', r.message);
}

/** The pod real Argo would run the action in (main: `argoexec resource <action>`). */
function createResourcePod(woc: Woc, node: NodeStatus, req: ExecuteRequest): { name: string; uid: string } {
  const name = woc.podName(req.nodeName, req.orgTmpl.templateRef?.template ?? req.tmpl.name ?? '');
  const action = String((req.tmpl.resource as ResourceTemplate | undefined)?.action ?? '');
  const pod = buildPod(woc, node, { ...req.tmpl, container: { image: ARGOEXEC_IMAGE, command: ['argoexec'] } }, name);
  const spec = pod.spec as { containers: { name: string; command?: string[]; args?: string[] }[] };
  for (const c of spec.containers) {
    if (c.name !== 'main') continue;
    c.command = ['argoexec', 'resource', action];
    delete c.args;
  }
  // The controller follows the action itself: pod reconciliation must not take the node over.
  delete pod.metadata.annotations?.[ANNOTATION_NODE_ID];
  try {
    const created = woc.ctx.store.create(pod, { fieldManager: 'workflow-controller' });
    woc.podsCreated++;
    return { name, uid: created.metadata.uid ?? '' };
  } catch (e) {
    if (e instanceof ApiError && e.status.reason === 'AlreadyExists') return { name, uid: woc.ctx.store.get({ apiVersion: 'v1', kind: 'Pod', namespace: woc.namespace, name })?.metadata.uid ?? '' };
    throw e;
  }
}

function executeResource(woc: Woc, req: ExecuteRequest): NodeStatus {
  const existing = woc.byName(req.nodeName);
  const tmpl = req.tmpl;
  const res = (tmpl.resource ?? {}) as ResourceTemplate;
  if (existing) {
    if (fulfilled(existing.phase)) return existing;
    const w = podlessState(woc).get(existing.id) as Waiting | undefined;
    if (!w) return fail(woc, existing, 'Error', 'resource action state lost');
    try {
      return check(woc, existing, tmpl, w);
    } catch (e) {
      return fail(woc, existing, 'Error', e instanceof Error ? e.message : String(e));
    }
  }
  const node = woc.initNode(req.nodeName, 'Pod', 'Pending', {
    templateName: req.orgTmpl.template ?? (req.orgTmpl.templateRef ? undefined : tmpl.name),
    templateRef: req.orgTmpl.templateRef,
    templateScope: req.templateScope,
    boundaryID: req.boundaryID,
    nodeFlag: req.nodeFlag,
  });
  if (tmpl.inputs && (tmpl.inputs.parameters?.length || tmpl.inputs.artifacts?.length)) node.inputs = tmpl.inputs;
  node.progress = '0/1';
  try {
    if (res.action === 'delete' && (res.successCondition || res.failureCondition || tmpl.outputs?.parameters?.length)) {
      throw new Error('successCondition, failureCondition and outputs are not supported for delete action');
    }
    const { success, failure } = conditions(res);
    const manifest = res.manifestFrom?.artifact ? readManifestArtifact(woc, tmpl, res.manifestFrom.artifact.name ?? '') : (res.manifest ?? '');
    const pod = createResourcePod(woc, node, req);
    // setOwnerReference: the Workflow becomes the object's controller owner (operator.go executeResource).
    const owner = res.setOwnerReference ? { apiVersion: WF_API_VERSION, kind: 'Workflow', name: woc.name, uid: woc.wf.metadata.uid } : undefined;
    const out = runResourceAction(woc.ctx.store, res, { namespace: woc.namespace, manifest, owner, fieldManager: 'argoexec' });
    woc.ctx.record({
      involvedObject: { kind: 'Workflow', namespace: woc.namespace, name: woc.name },
      reason: 'ResourceAction',
      message: `${req.nodeName}: kubectl ${res.action}: ${out.lines.filter((l) => !l.startsWith('{')).join('; ') || 'done'}`,
      why: 'A resource template acts on a Kubernetes object the way `argoexec resource` (kubectl) would, then waits for its conditions.',
    });
    if (res.action === 'delete' || !out.key || (success.length === 0 && failure.length === 0)) {
      return finish(woc, node, tmpl, out.key ? woc.ctx.store.get(out.key) : undefined);
    }
    const w: Waiting = { namespace: out.namespace, resourceName: out.resourceName, key: out.key };
    podlessState(woc).set(node.id, w);
    return check(woc, node, tmpl, w);
  } catch (e) {
    return fail(woc, node, 'Failed', e instanceof Error ? e.message : String(e));
  }
}

registerExecutor({ type: 'resource', podless: true, execute: executeResource });
