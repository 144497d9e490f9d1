/** One reconcile of one Workflow (operator.go `operate`). */
import type { ClusterContext } from '../../sandbox.js';
import { splitKey } from '../../sandbox.js';
import { clone, isObj } from '../../cluster/types.js';
import { derivedFrom, jsonEqual } from '../../cluster/store/objectUtil.js';
import type { StoredObject } from '../../cluster/types.js';
import { ApiError } from '../../core/errors.js';
import { WF_API_VERSION } from '../crds/index.js';
import { reconcilePods } from '../executors/index.js';
import { resolveWorkflowTemplateRef, workflowMetadata } from '../templates/index.js';
import type { Dict } from '../templates/merge.js';
import { lintWorkflow } from '../lint/index.js';
import { decodeWorkflow, decodedWorkflowSpec } from '../schema/index.js';
import { acquireWorkflowLocks, releaseWorkflowLocks } from '../sync/index.js';
import { DEFAULT_ARTIFACT_REPOSITORY } from '../executors/pod.js';
import { deletePVCs } from '../executors/volumes.js';
import { fulfilled } from '../nodes/types.js';
import type { NodePhase, NodeStatus, WorkflowPhase, WorkflowSpec, WorkflowStatus } from '../nodes/types.js';
import { onExitNodeName } from '../nodes/ids.js';
import { executeTemplate } from './execute.js';
import { hookFires } from './hooks.js';
import { setGlobals } from './globals.js';
import { collectGlobalOutputs } from './outputs.js';
import { finishWorkflow, markWorkflowPhase, recordNodeEvents, rememberTally, updateProgress, workflowFailures } from './phase.js';
import { applyShutdown, killDaemons } from './shutdown.js';
import { localCtx } from './tmplctx.js';
import { DeadlineExceeded, Woc } from './woc.js';
import { LABEL_COMPLETED } from './names.js';
import { ownWrite } from './ownWrites.js';
import { recordLineage } from './lineage.js';
import { rememberWalks } from './walks.js';

const NODE_TO_WF: Record<NodePhase, WorkflowPhase> = {
  Pending: 'Pending',
  Running: 'Running',
  Succeeded: 'Succeeded',
  Skipped: 'Succeeded',
  Omitted: 'Succeeded',
  Failed: 'Failed',
  Error: 'Error',
};

export function operate(ctx: ClusterContext, key: string): void {
  const { namespace, name } = splitKey(key);
  const stored = ctx.store.get({ apiVersion: WF_API_VERSION, kind: 'Workflow', namespace, name });
  if (!stored || stored.metadata.deletionTimestamp) return;
  if (stored.metadata.labels?.[LABEL_COMPLETED] === 'true') return;
  // Copy-on-write: metadata and status are this reconcile's own, but the spec and every node stay the
  // stored (frozen) values until a node is read through woc.nodes (see Woc): no deep copy of the
  // whole workflow per reconcile.
  const stStored = isObj(stored.status) ? (stored.status as WorkflowStatus) : undefined;
  const status = stStored ? ownStatus(stStored) : {};
  if (stStored && !stStored.nodes) delete status.nodes;
  const wf = { ...stored, metadata: clone(stored.metadata), status } as StoredObject;
  // JSON nulls decode to Go's zero values (a null parameter is an empty Parameter): operate on that spec.
  const goSpec = decodedWorkflowSpec(stored);
  if (goSpec !== undefined) wf.spec = goSpec as StoredObject['spec'];

  let spec: WorkflowSpec;
  let woc: Woc;
  // util.FromUnstructured first: a spec that does not decode into the Go types fails the workflow (controller.go).
  const undecodable = decodeWorkflow(stored);
  if (undecodable !== undefined) {
    woc = new Woc(ctx, wf, {} as WorkflowSpec, status);
    woc.stored = stored;
    markWorkflowPhase(woc, 'Failed', `cannot unmarshall spec: ${undecodable}`);
    finishWorkflow(woc);
    persist(woc);
    return;
  }
  try {
    // Without a workflowTemplateRef the stored (frozen) spec is the execution spec: its templates keep
    // their identity across reconciles, so processed templates can be reused.
    const plain = isObj(wf.spec) && wf.spec.workflowTemplateRef === undefined;
    const r = plain ? { spec: wf.spec as unknown as WorkflowSpec, labels: {}, annotations: {}, storedWorkflowTemplateSpec: undefined } : resolveWorkflowTemplateRef(ctx.store, wf);
    spec = r.spec as WorkflowSpec;
    if (r.storedWorkflowTemplateSpec) status.storedWorkflowTemplateSpec = r.storedWorkflowTemplateSpec as WorkflowSpec;
    if (Object.keys(r.labels).length) wf.metadata.labels = { ...(wf.metadata.labels ?? {}), ...r.labels };
    if (Object.keys(r.annotations).length) wf.metadata.annotations = { ...(wf.metadata.annotations ?? {}), ...r.annotations };
  } catch (e) {
    woc = new Woc(ctx, wf, (isObj(wf.spec) ? wf.spec : {}) as WorkflowSpec, status);
    woc.stored = stored;
    markWorkflowPhase(woc, 'Error', e instanceof Error ? e.message : String(e));
    persist(woc);
    return;
  }
  woc = new Woc(ctx, wf, spec, status);
  woc.stored = stored;
  setGlobals(woc);
  if (spec.activeDeadlineSeconds !== undefined && status.startedAt) {
    woc.deadline = Date.parse(status.startedAt) + Number(spec.activeDeadlineSeconds) * 1000;
  }

  if (!status.phase || status.phase === 'Pending') {
    if (!status.artifactRepositoryRef) status.artifactRepositoryRef = { default: true, artifactRepository: DEFAULT_ARTIFACT_REPOSITORY };
    // validate.Workflow on the first reconcile: an invalid workflow fails before anything runs.
    // The user's own workflow, as upstream validates woc.wf: lint resolves a workflowTemplateRef itself.
    const problems = lintWorkflow(wf, ctx.store);
    if (problems.length > 0) {
      markWorkflowPhase(woc, 'Failed', `invalid spec: ${problems[0]?.message ?? ''}`);
      finishWorkflow(woc);
      persist(woc);
      return;
    }
    // updateWorkflowMetadata (setExecWorkflow, first reconcile): workflowMetadata labels/annotations/labelsFrom
    // land on the Workflow and become workflow.labels.* / workflow.annotations.* globals.
    try {
      const md = workflowMetadata(wf, spec as unknown as Dict, woc.globals);
      if (Object.keys(md.params).length > 0) {
        wf.metadata.labels = md.labels;
        wf.metadata.annotations = md.annotations;
        Object.assign(woc.globals, md.params);
        woc.globals['workflow.labels'] = JSON.stringify(md.labels);
        woc.globals['workflow.annotations'] = JSON.stringify(md.annotations);
      }
    } catch (e) {
      markWorkflowPhase(woc, 'Error', e instanceof Error ? e.message : String(e));
      finishWorkflow(woc);
      persist(woc);
      return;
    }
    // spec.synchronization: the whole workflow waits, Pending with the lock status, until it holds its locks.
    const locks = acquireWorkflowLocks(woc);
    if (!locks.acquired) {
      markWorkflowPhase(woc, 'Pending', locks.message);
      persist(woc);
      return;
    }
    markWorkflowPhase(woc, 'Running', '');
    if (spec.activeDeadlineSeconds !== undefined) {
      woc.deadline = woc.now() + Number(spec.activeDeadlineSeconds) * 1000;
      woc.requeue(Number(spec.activeDeadlineSeconds) * 1000);
    }
    wf.metadata.annotations = { ...(wf.metadata.annotations ?? {}), 'workflows.argoproj.io/pod-name-format': 'v2' };
  } else {
    reconcilePods(woc);
    collectGlobalOutputs(woc);
    for (const p of woc.status.outputs?.parameters ?? []) if (p.value !== undefined) woc.globals[`workflow.outputs.parameters.${p.name}`] = String(p.value);
  }

  // Requeues are recomputed on every reconcile: a later immediate reconcile supersedes this one's.
  if (Number.isFinite(woc.deadline) && woc.now() < woc.deadline) woc.requeue(woc.deadline - woc.now());
  if (woc.now() >= woc.deadline) applyShutdown(woc, 'deadline');
  else if (spec.shutdown) applyShutdown(woc, spec.shutdown);

  if (spec.suspend === true) {
    persist(woc);
    return;
  }

  const tctx = localCtx(woc);
  let root: NodeStatus;
  try {
    root = executeTemplate(woc, woc.name, { template: spec.entrypoint }, tctx, spec.arguments, { boundaryID: '' });
  } catch (e) {
    if (!(e instanceof DeadlineExceeded)) markWorkflowPhase(woc, 'Error', `error in entry template execution: ${e instanceof Error ? e.message : String(e)}`);
    finishIfDone(woc);
    persist(woc);
    return;
  }
  const wfStatus = NODE_TO_WF[root.phase];
  woc.globals['workflow.status'] = wfStatus;
  woc.globals['workflow.failures'] = workflowFailures(woc);
  // Workflow-level lifecycle hooks (executeWfLifeCycleHook): each fires once its expression holds.
  let hooksDone = true;
  for (const [hookName, hook] of Object.entries(spec.hooks ?? {})) {
    if (hookName === 'exit') continue;
    const hookNodeName = `${woc.name}.hooks.${hookName}`;
    if (!woc.peekByName(hookNodeName) && !hookFires(hook.expression, woc.globals)) continue;
    const hn = executeTemplate(woc, hookNodeName, { template: hook.template, templateRef: hook.templateRef }, tctx, hook.arguments, { boundaryID: '', nodeFlag: { hooked: true } });
    if (!fulfilled(hn.phase)) hooksDone = false;
  }
  if (!fulfilled(root.phase) || !hooksDone) {
    persist(woc);
    return;
  }
  let exitNode: NodeStatus | undefined;
  const exitHook = spec.hooks?.exit ?? (spec.onExit ? { template: spec.onExit } : undefined);
  if (exitHook && (spec.shutdown !== 'Terminate' || woc.peekByName(onExitNodeName(woc.name)))) {
    try {
      exitNode = executeTemplate(woc, onExitNodeName(woc.name), { template: exitHook.template, templateRef: exitHook.templateRef }, tctx, exitHook.arguments ?? spec.arguments, {
        boundaryID: '',
        onExitTemplate: true,
        nodeFlag: { hooked: true },
      });
    } catch (e) {
      if (!(e instanceof DeadlineExceeded)) markWorkflowPhase(woc, 'Error', `error in exit template execution : ${e instanceof Error ? e.message : String(e)}`);
      persist(woc);
      return;
    }
    if (!fulfilled(exitNode.phase)) {
      persist(woc);
      return;
    }
  }
  killDaemons(woc);
  const message = (root.phase === 'Failed' || root.phase === 'Error') && spec.shutdown ? `Stopped with strategy '${spec.shutdown}'` : (root.message ?? '');
  if (wfStatus === 'Succeeded' && exitNode && (exitNode.phase === 'Failed' || exitNode.phase === 'Error')) {
    markWorkflowPhase(woc, exitNode.phase, exitNode.message ?? '');
  } else markWorkflowPhase(woc, wfStatus || 'Running', message);
  finishIfDone(woc);
  persist(woc);
}

/**
 * This reconcile's copy of the stored status. The node map is the stored one (Woc copies it itself);
 * so is the artifact repository ref (set once, only ever replaced whole), which the store then finds
 * unchanged without comparing it. Keys keep their stored order.
 */
export function ownStatus(stored: WorkflowStatus): WorkflowStatus {
  const keepRef = stored.artifactRepositoryRef !== undefined;
  const draft: WorkflowStatus = { ...stored, nodes: undefined };
  if (keepRef) draft.artifactRepositoryRef = undefined;
  const copy = clone(draft);
  copy.nodes = stored.nodes;
  if (keepRef) copy.artifactRepositoryRef = stored.artifactRepositoryRef;
  return copy;
}

function finishIfDone(woc: Woc): void {
  const p = woc.status.phase;
  if (p !== 'Succeeded' && p !== 'Failed' && p !== 'Error') return;
  deletePVCs(woc);
  releaseWorkflowLocks(woc);
  finishWorkflow(woc);
}

function persist(woc: Woc): void {
  updateProgress(woc);
  recordNodeEvents(woc);
  if (woc.updated || woc.podsCreated > 0) {
    const obj = { ...woc.wf, status: woc.status as unknown as StoredObject['status'] } as StoredObject;
    // Only the status changed (the usual case): hand it to the store as is (no copy of the workflow);
    // the store shares every node equal to the stored one.
    const stored = woc.stored;
    const statusOnly = stored !== undefined && woc.wf.spec === stored.spec && jsonEqual(woc.wf.metadata, stored.metadata);
    // The node map is the stored one plus the nodes this reconcile copied or added: the store need not walk the rest.
    const nodes = woc.status.nodes;
    if (nodes && woc.origin && !woc.nodesDeleted) derivedFrom(nodes, woc.origin, woc.touched);
    try {
      const written = ownWrite(`${woc.namespace}/${woc.name}`, () =>
        statusOnly ? woc.ctx.store.adoptStatus(stored, obj.status, { fieldManager: 'workflow-controller' }) : woc.ctx.store.update(obj, { fieldManager: 'workflow-controller' }),
      );
      if (isObj(written.status)) {
        const nodes = written.status.nodes;
        woc.rememberNodeKeys(nodes);
        if (isObj(nodes) && !woc.nodesDeleted) {
          recordLineage(nodes, woc.origin, woc.touched);
          rememberTally(woc, nodes);
          rememberWalks(woc, nodes);
        }
      }
    } catch (e) {
      // A conflicting write (a user action) wins; the next reconcile starts from it.
      if (!(e instanceof ApiError)) throw e;
      woc.ctx.enqueue(`${woc.namespace}/${woc.name}`, 0);
      return;
    }
  }
  if (woc.requeueMs !== undefined) woc.ctx.enqueue(`${woc.namespace}/${woc.name}`, woc.requeueMs);
}
