/**
 * The operation context of one reconcile (operator.go wfOperationCtx): the workflow being worked on,
 * its node map, the global variables, and the node bookkeeping every executor uses.
 */
import type { ClusterContext } from '../../sandbox.js';
import type { StoredObject } from '../../cluster/types.js';
import { clone } from '../../cluster/types.js';
import type { Vars } from '../params/template.js';
import { nodeId, podName } from '../nodes/ids.js';
import { fulfilled } from '../nodes/types.js';
import type { NodePhase, NodeStatus, NodeType, Template, TemplateRef, WorkflowSpec, WorkflowStatus } from '../nodes/types.js';

/** Argo's default maxStackDepth (controller `--max-stack-depth` is 150 since v3.2). */
export const MAX_STACK_DEPTH = 150;

export class DeadlineExceeded extends Error {}
export class ParallelismReached extends Error {}
export class MaxDepthExceeded extends Error {
  constructor() {
    super(`Maximum recursion depth exceeded. See https://argo-workflows.readthedocs.io/en/latest/scaling/#maximum-recursion-depth`);
  }
}

/**
 * Key order of stored node maps (derived data, rebuilt when missing): enumerating a big
 * dictionary-mode object sorts its keys every time, so each reconcile starts from the order the
 * previous one wrote. A map's order is the first `len` of `keys`: maps written one after another
 * (keys only appended) share one array, instead of each keeping a copy as long as the map lives.
 */
interface KeyOrder {
  keys: string[];
  len: number;
}
const NODE_KEYS = new WeakMap<object, KeyOrder>();


/**
 * The keys of a stored map for a reconcile to extend: the shared array itself when nothing follows
 * this map's keys in it (the newest map: the usual case), else a copy of its part.
 */
export function keysToExtend(nodes: object): string[] | undefined {
  const o = NODE_KEYS.get(nodes);
  if (!o) return undefined;
  return o.keys.length === o.len ? o.keys : o.keys.slice(0, o.len);
}

/**
 * A mutable copy of `stored` with `keys` in that order, a plain object. Copying by the known keys is
 * several times cheaper than spreading a big dictionary-mode object; and a null-prototype object is
 * a dictionary from the start (a `{}` would go through a hundred-odd hidden-class transitions and
 * then be converted), so the prototype is set only once it is filled.
 */
export function copyNodeMap(stored: Readonly<Record<string, NodeStatus>>, keys: readonly string[]): Record<string, NodeStatus> {
  const raw = Object.create(null) as Record<string, NodeStatus>;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    raw[k] = stored[k] as NodeStatus;
  }
  return Object.setPrototypeOf(raw, Object.prototype) as Record<string, NodeStatus>;
}

const NO_CHILDREN: readonly string[] = [];

const STEPS_OR_DAG_SEPARATOR = /^(\[\d+\])?\./;

export interface InitNodeOptions {
  templateName?: string;
  templateRef?: TemplateRef;
  templateScope?: string;
  boundaryID?: string;
  message?: string;
  nodeFlag?: NodeStatus['nodeFlag'];
  /** Pod-like nodes wait for their WorkflowTaskResult. */
  waitTaskResult?: boolean;
}

export class Woc {
  readonly name: string;
  readonly namespace: string;
  /**
   * The node map. It starts as the stored (frozen) nodes; reading a node through it gives this
   * reconcile's own copy of that node (copy-on-read), so only the nodes a reconcile touches are copied
   * and the unchanged ones stay shared with the stored version.
   */
  readonly nodes: Record<string, NodeStatus>;
  /** The same map without copying: read-only walks over every node (values may be frozen). */
  private readonly raw: Record<string, NodeStatus>;
  /** Node ids in map order (possibly shared with stored maps' key orders: only appended to, see NODE_KEYS). */
  get nodeKeys(): readonly string[] {
    return this.keys;
  }
  private keys: string[];
  /** How many of `nodeKeys` are the stored map's (the rest were added by this reconcile). */
  readonly storedKeyCount: number;
  /** Phase before this reconcile of every node it copied (the others are unchanged). */
  readonly phaseBefore = new Map<string, NodePhase>();
  /** The stored (frozen) node map this reconcile started from. */
  readonly origin: Readonly<Record<string, NodeStatus>> | undefined;
  /** Ids this reconcile copied, replaced or added (a superset of the nodes it changed). */
  readonly touched = new Set<string>();
  /** A node was deleted: the written map is not `origin` plus `touched` (see lineage.ts). */
  nodesDeleted = false;
  /** Global `{{workflow.*}}` variables. */
  readonly globals: Vars = {};
  updated = false;
  /** Smallest requested requeue delay (ms) for this reconcile. */
  requeueMs: number | undefined;
  stackDepth = 0;
  /** Pods of this workflow by node id (annotation `workflows.argoproj.io/node-id`). */
  pods = new Map<string, StoredObject>();
  taskResults = new Map<string, StoredObject>();
  /** Workflow deadline (activeDeadlineSeconds) in virtual ms. */
  deadline = Number.POSITIVE_INFINITY;
  /** Pods running or pending, for spec.parallelism. */
  activePods = 0;
  /** Processed template of each node visited in this reconcile. */
  readonly nodeTemplates = new Map<string, Template>();
  /** Set when `spec.shutdown` or the deadline stops the workflow: new nodes are not started. */
  shutdown: string | undefined;
  shutdownMessage = '';
  /** Pods created in this reconcile. */
  podsCreated = 0;
  /** The stored version this reconcile started from (its status write must still apply to it). */
  stored: StoredObject | undefined;

  constructor(
    readonly ctx: ClusterContext,
    readonly wf: StoredObject,
    readonly spec: WorkflowSpec,
    readonly status: WorkflowStatus,
  ) {
    this.name = wf.metadata.name;
    this.namespace = wf.metadata.namespace ?? 'default';
    const stored = status.nodes;
    this.origin = stored;
    const known = stored && keysToExtend(stored);
    let raw: Record<string, NodeStatus>;
    if (stored && known) {
      raw = copyNodeMap(stored, known);
    } else raw = stored ? { ...stored } : {};
    this.raw = raw;
    status.nodes = raw;
    this.keys = known ?? Object.keys(raw);
    this.storedKeyCount = this.keys.length;
    const before = this.phaseBefore;
    const touched = this.touched;
    // Appending keeps the stored maps' prefixes; a deletion works on a copy of its own.
    const append = (key: string): void => {
      this.keys.push(key);
    };
    const remove = (key: string): void => {
      const keys = this.keys.slice();
      keys.splice(keys.indexOf(key), 1);
      this.keys = keys;
      this.nodesDeleted = true;
    };
    this.nodes = new Proxy(raw, {
      get(target, key) {
        const v = (target as Record<string | symbol, unknown>)[key];
        if (typeof key !== 'string' || typeof v !== 'object' || v === null || !Object.isFrozen(v)) return v;
        const own = clone(v) as NodeStatus;
        before.set(key, own.phase);
        touched.add(key);
        target[key] = own;
        return own;
      },
      set(target, key, value) {
        if (typeof key === 'string') {
          if (!Object.prototype.hasOwnProperty.call(target, key)) append(key);
          touched.add(key);
        }
        (target as Record<string | symbol, unknown>)[key] = value;
        return true;
      },
      deleteProperty(target, key) {
        if (typeof key === 'string' && Object.prototype.hasOwnProperty.call(target, key)) remove(key);
        return delete (target as Record<string | symbol, unknown>)[key];
      },
    });
  }

  /** The node map this reconcile wrote has just been stored (as `nodes`): remember its key order. */
  rememberNodeKeys(nodes: unknown): void {
    // Every change to the map went through the proxy, which kept `keys` in step.
    // (Written maps come back from the store frozen; Object.isFrozen would walk every key of a big map.)
    if (typeof nodes === 'object' && nodes !== null) NODE_KEYS.set(nodes, { keys: this.keys, len: this.keys.length });
  }

  /** Every node in map order, read-only (frozen ones stay frozen): thaw one with `get(id)` before changing it. */
  nodeList(): NodeStatus[] {
    const raw = this.raw;
    return this.nodeKeys.map((k) => raw[k] as NodeStatus);
  }

  /** A node without copying it (read-only). */
  peek(id: string): NodeStatus | undefined {
    return this.raw[id];
  }

  /** `byName` without copying the node (read-only). */
  peekByName(nodeName: string): NodeStatus | undefined {
    return this.raw[nodeId(this.name, nodeName)];
  }

  now(): number {
    return this.ctx.now();
  }

  iso(ms?: number): string {
    return this.ctx.iso(ms);
  }

  requeue(afterMs = 0): void {
    if (this.requeueMs === undefined || afterMs < this.requeueMs) this.requeueMs = Math.max(0, afterMs);
  }

  nodeId(nodeName: string): string {
    return nodeId(this.name, nodeName);
  }

  podName(nodeName: string, templateName: string): string {
    return podName(this.name, nodeName, templateName);
  }

  byName(nodeName: string): NodeStatus | undefined {
    return this.nodes[nodeId(this.name, nodeName)];
  }

  get(id: string): NodeStatus | undefined {
    return this.nodes[id];
  }

  template(name: string): Template | undefined {
    for (const t of this.spec.templates ?? []) if (t.name === name) return t;
    return undefined;
  }

  /** initializeNode: a new node, displayName relative to its boundary, timestamps in virtual time. */
  initNode(nodeName: string, type: NodeType, phase: NodePhase, o: InitNodeOptions = {}): NodeStatus {
    const id = this.nodeId(nodeName);
    const boundary = o.boundaryID ? this.nodes[o.boundaryID] : undefined;
    let displayName = nodeName;
    if (boundary) displayName = nodeName.startsWith(boundary.name) ? nodeName.slice(boundary.name.length).replace(STEPS_OR_DAG_SEPARATOR, '') : nodeName;
    const node: NodeStatus = { id, name: nodeName, displayName, type, phase };
    if (o.templateName) node.templateName = o.templateName;
    if (o.templateRef) node.templateRef = o.templateRef;
    if (o.templateScope !== undefined) node.templateScope = o.templateScope;
    if (o.boundaryID) node.boundaryID = o.boundaryID;
    if (o.message) node.message = o.message;
    node.startedAt = this.iso();
    if (fulfilled(phase)) node.finishedAt = node.startedAt;
    if (o.nodeFlag && (o.nodeFlag.hooked || o.nodeFlag.retried)) node.nodeFlag = { ...o.nodeFlag };
    if (o.waitTaskResult) node.taskResultSynced = false;
    this.nodes[id] = node;
    this.updated = true;
    return node;
  }

  /** markNodePhase: phase, message, finishedAt when it becomes fulfilled. */
  markPhase(nodeName: string, phase: NodePhase, message?: string): NodeStatus {
    const node = this.byName(nodeName);
    if (!node) throw new Error(`node ${nodeName} not initialized`);
    return this.markNode(node, phase, message);
  }

  markNode(node: NodeStatus, phase: NodePhase, message?: string): NodeStatus {
    if (node.phase !== phase) {
      node.phase = phase;
      this.updated = true;
    }
    if (message !== undefined && message !== node.message) {
      if (message === '') delete node.message;
      else node.message = message;
      this.updated = true;
    }
    if (fulfilled(phase)) {
      if (!node.finishedAt) node.finishedAt = this.iso();
      if (node.taskResultSynced === false && phase !== 'Succeeded') node.taskResultSynced = true;
    }
    return node;
  }

  markError(nodeName: string, err: unknown): NodeStatus {
    return this.markPhase(nodeName, 'Error', err instanceof Error ? err.message : String(err));
  }

  private childSets = new Map<string, Set<string>>();

  addChild(parentName: string, childName: string): void {
    const key = this.nodeId(parentName);
    // Read first: the parent is copied only when the child is new (most calls find it linked already).
    const stored = this.raw[key];
    if (!stored) return;
    const childId = this.nodeId(childName);
    const children = stored.children ?? NO_CHILDREN;
    // A set beside big child lists (a fan-out parent has thousands) keeps this O(1).
    let set = this.childSets.get(stored.id);
    if (!set || set.size !== children.length) this.childSets.set(stored.id, (set = new Set(children)));
    if (set.has(childId)) return;
    const parent = this.nodes[key] as NodeStatus;
    (parent.children ??= []).push(childId);
    set.add(childId);
    this.updated = true;
  }

  /**
   * childrenFulfilled: every descendant is fulfilled. Descendants are followed through children links
   * but only inside the node's own boundary (a step's last pod links on to the parent's next group,
   * which is not part of this node).
   */
  childrenFulfilled(node: NodeStatus): boolean {
    const inside = new Set<string>([node.id]);
    const stack = [...(node.children ?? [])];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (inside.has(id)) continue;
      const c = this.raw[id];
      if (!c) return false;
      if (node.type !== 'StepGroup' && node.type !== 'TaskGroup' && node.type !== 'Retry' && c.boundaryID !== undefined && !inside.has(c.boundaryID)) continue;
      if (!fulfilled(c.phase) && !(c.daemoned && c.phase !== 'Pending')) return false;
      inside.add(id);
      if (node.type === 'StepGroup' || node.type === 'TaskGroup') {
        // A group's own children only (and their hooks), not what follows the group.
        for (const h of c.children ?? []) if (this.raw[h]?.nodeFlag?.hooked && !fulfilled(this.raw[h]?.phase)) return false;
        continue;
      }
      for (const k of c.children ?? []) stack.push(k);
    }
    return true;
  }

  hasDaemonNodes(): boolean {
    for (const n of this.nodeList()) if (n.daemoned && !fulfilled(n.phase)) return true;
    return false;
  }
}
