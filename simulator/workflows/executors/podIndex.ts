/**
 * Pods and WorkflowTaskResults of each workflow, kept up to date from the store's watch (the
 * informer's label index in upstream's controller), so a reconcile reads its own workflow's objects
 * instead of listing and label-matching every pod in the cluster.
 */
import type { ObjectStore } from '../../cluster/store/index.js';
import type { StoredObject, WatchEvent } from '../../cluster/types.js';
import { ANNOTATION_NODE_ID } from '../controller/names.js';

const LABEL_WORKFLOW = 'workflows.argoproj.io/workflow';

export interface WorkflowObjects {
  /** By node id (annotation `workflows.argoproj.io/node-id`). */
  pods: Map<string, StoredObject>;
  /** By name (the node id). */
  taskResults: Map<string, StoredObject>;
}

/** A workflow's maps; `lent` ones are some reconcile's view, copied before the index changes them. */
interface Entry extends WorkflowObjects {
  lentPods: boolean;
  lentTaskResults: boolean;
}

interface Index {
  /** The store's resourceVersion this index has seen; anything else means writes it missed (a `load`). */
  rv: number;
  /** Namespace → workflow name → its objects (two lookups of stored strings, no key built per event). */
  byWorkflow: Map<string, Map<string, Entry>>;
  /** Entries whose maps are lent out. */
  lent: Entry[];
  /**
   * Pod and task-result events that arrived while maps were lent (the reconcile's own writes), applied when
   * the views come back, in place, instead of copying a lent map (a steps workflow's reconcile per pod write)
   * now; applied first (copy-on-write, as they would have been) when someone reads the index meanwhile.
   */
  pending: { event: WatchEvent; kind: 'pod' | 'tr' }[];
  stop: () => void;
}

const INDEXES = new WeakMap<ObjectStore, Index>();
const EMPTY: WorkflowObjects = { pods: new Map(), taskResults: new Map() };

function kindOf(o: StoredObject): 'pod' | 'tr' | undefined {
  if (o.kind === 'Pod' && o.apiVersion === 'v1') return 'pod';
  if (o.kind === 'WorkflowTaskResult' && o.apiVersion === 'argoproj.io/v1alpha1') return 'tr';
  return undefined;
}

function entryOf(idx: Index, namespace: string, wf: string, create: boolean): Entry | undefined {
  let byName = idx.byWorkflow.get(namespace);
  if (!byName) {
    if (!create) return undefined;
    idx.byWorkflow.set(namespace, (byName = new Map()));
  }
  let objs = byName.get(wf);
  if (!objs && create) byName.set(wf, (objs = { pods: new Map(), taskResults: new Map(), lentPods: false, lentTaskResults: false }));
  return objs;
}

function idOf(o: StoredObject, kind: 'pod' | 'tr'): string | undefined {
  return kind === 'pod' ? o.metadata.annotations?.[ANNOTATION_NODE_ID] : o.metadata.name;
}

/** The map of `kind` in `objs`, copied first if a reconcile holds it (copy-on-write). */
function own(objs: Entry, kind: 'pod' | 'tr'): Map<string, StoredObject> {
  if (kind === 'pod') {
    if (objs.lentPods) {
      objs.pods = new Map(objs.pods);
      objs.lentPods = false;
    }
    return objs.pods;
  }
  if (objs.lentTaskResults) {
    objs.taskResults = new Map(objs.taskResults);
    objs.lentTaskResults = false;
  }
  return objs.taskResults;
}

function add(idx: Index, o: StoredObject, kind: 'pod' | 'tr'): void {
  const wf = o.metadata.labels?.[LABEL_WORKFLOW];
  const id = idOf(o, kind);
  if (wf === undefined || !id) return;
  own(entryOf(idx, o.metadata.namespace ?? '', wf, true) as Entry, kind).set(id, o);
}

function remove(idx: Index, o: StoredObject, kind: 'pod' | 'tr'): void {
  const wf = o.metadata.labels?.[LABEL_WORKFLOW];
  const id = idOf(o, kind);
  if (wf === undefined || !id) return;
  const objs = entryOf(idx, o.metadata.namespace ?? '', wf, false);
  if (!objs) return;
  const map = kind === 'pod' ? objs.pods : objs.taskResults;
  // Another object may hold the same id by now; only drop this one.
  const cur = map.get(id);
  if (cur && cur.metadata.name === o.metadata.name && cur.metadata.namespace === o.metadata.namespace) own(objs, kind).delete(id);
}

function sameSlot(a: StoredObject, b: StoredObject, kind: 'pod' | 'tr'): boolean {
  const am = a.metadata;
  const bm = b.metadata;
  if (am.namespace !== bm.namespace) return false;
  // A status write keeps the stored labels and annotations objects: nothing to look up.
  if (am.labels === bm.labels && (kind === 'tr' || am.annotations === bm.annotations) && (kind === 'pod' || am.name === bm.name)) return true;
  return am.labels?.[LABEL_WORKFLOW] === bm.labels?.[LABEL_WORKFLOW] && idOf(a, kind) === idOf(b, kind);
}

function apply(idx: Index, event: WatchEvent, kind: 'pod' | 'tr'): void {
  const o = event.object;
  const old = event.old;
  // An update that keeps the object's workflow and node id (nearly all: status writes) replaces it in
  // place: removing it first and adding it back ends the same (only the object stored under the id counts).
  if (old && event.type !== 'DELETED' && sameSlot(old, o, kind)) return add(idx, o, kind);
  if (old) remove(idx, old, kind);
  if (event.type !== 'DELETED') add(idx, o, kind);
}

/** Apply the events held back while maps were lent (lent maps are copied first, as on arrival). */
function flush(idx: Index): void {
  if (idx.pending.length === 0) return;
  const pending = idx.pending;
  idx.pending = [];
  for (const p of pending) apply(idx, p.event, p.kind);
}

function build(store: ObjectStore): Index {
  const idx: Index = { rv: store.resourceVersion, byWorkflow: new Map(), lent: [], pending: [], stop: () => undefined };
  for (const pod of store.list({ apiVersion: 'v1', kind: 'Pod' })) add(idx, pod, 'pod');
  for (const tr of store.list({ apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTaskResult' })) add(idx, tr, 'tr');
  idx.stop = store.watch((event: WatchEvent, rv: number) => {
    // Events out of order (a write from inside another watcher) or missed: rebuild on next use.
    idx.rv = idx.rv >= 0 && rv === idx.rv + 1 ? rv : -1;
    const kind = kindOf(event.object);
    if (!kind) return;
    if (idx.lent.length > 0) idx.pending.push({ event, kind });
    else apply(idx, event, kind);
  });
  return idx;
}

/** The store's index, up to date. */
function index(store: ObjectStore): Index {
  let idx = INDEXES.get(store);
  if (!idx || idx.rv !== store.resourceVersion) {
    idx?.stop();
    idx = build(store);
    INDEXES.set(store, idx);
  }
  flush(idx);
  return idx;
}

/** This workflow's pods and task results as stored now (read-only maps; they keep changing with the store). */
export function workflowObjects(store: ObjectStore, namespace: string, name: string): WorkflowObjects {
  return entryOf(index(store), namespace, name, false) ?? EMPTY;
}

/**
 * This workflow's pods and task results as stored now, as maps that stay as they are (a reconcile's
 * view, like an informer cache read at its start) until `returnViews`: the index copies a lent map
 * only if it changes meanwhile, instead of every reconcile copying it.
 */
export function lendWorkflowObjects(store: ObjectStore, namespace: string, name: string): WorkflowObjects {
  const idx = index(store);
  const objs = entryOf(idx, namespace, name, false);
  if (!objs) return { pods: new Map(), taskResults: new Map() };
  if (!objs.lentPods || !objs.lentTaskResults) idx.lent.push(objs);
  objs.lentPods = true;
  objs.lentTaskResults = true;
  return { pods: objs.pods, taskResults: objs.taskResults };
}

/** The reconcile that borrowed views is done with them: the index may change its maps in place again. */
export function returnViews(store: ObjectStore): void {
  const idx = INDEXES.get(store);
  if (!idx) return;
  for (const objs of idx.lent) {
    objs.lentPods = false;
    objs.lentTaskResults = false;
  }
  idx.lent.length = 0;
  flush(idx);
}
