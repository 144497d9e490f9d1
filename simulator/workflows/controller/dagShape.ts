/**
 * The static shape of a DAG template: its tasks by name, their dependencies, leaves and ancestors,
 * and the node name and id of each task. A stored (frozen) task list never changes, so its shape is
 * computed once and shared by every reconcile instead of being rebuilt (and every id re-hashed) each time.
 */
import { nodeId } from '../nodes/ids.js';
import type { DagTask } from '../nodes/types.js';
import { dependencyNames, dependsLogic } from './depends.js';
import { runsAsWritten } from './plain.js';

/** Node names and ids of the tasks of one DAG node (`<dag node name>.<task>`). */
export class TaskNodes {
  private readonly names = new Map<string, string>();
  private readonly ids = new Map<string, string>();
  private readonly idsAt: (string | undefined)[] = [];

  constructor(
    private readonly wfName: string,
    private readonly dagNodeName: string,
    private readonly order: readonly string[],
  ) {}

  /** The id of task number `i` (an array read: every task is looked up on every reconcile). */
  idAt(i: number): string {
    return (this.idsAt[i] ??= this.id(this.order[i] as string));
  }

  name(task: string): string {
    let n = this.names.get(task);
    if (n === undefined) this.names.set(task, (n = `${this.dagNodeName}.${task}`));
    return n;
  }

  id(task: string): string {
    let id = this.ids.get(task);
    if (id === undefined) this.ids.set(task, (id = nodeId(this.wfName, this.name(task))));
    return id;
  }
}

export class DagShape {
  readonly tasks = new Map<string, DagTask>();
  readonly deps = new Map<string, string[]>();
  /** Task names in order; a task's number is its index here. */
  readonly order: string[];
  readonly index = new Map<string, number>();
  /** Tasks by number. */
  readonly byIndex: DagTask[];
  /** Each task's dependencies by number (-1: a name that is no task). */
  readonly depIdx: number[][];
  private leafList: string[] | undefined;
  private readonly ancestorLists = new Map<string, string[]>();
  private readonly logics = new Map<string, string>();
  private readonly plains = new Map<string, boolean>();
  private readonly nodes = new Map<string, TaskNodes>();

  constructor(list: DagTask[]) {
    for (const t of list) {
      this.tasks.set(t.name, t);
      this.deps.set(t.name, dependencyNames(t));
    }
    this.order = [...this.tasks.keys()];
    this.order.forEach((n, i) => this.index.set(n, i));
    this.byIndex = this.order.map((n) => this.tasks.get(n) as DagTask);
    this.depIdx = this.order.map((n) => (this.deps.get(n) as string[]).map((dep) => this.index.get(dep) ?? -1));
  }

  /** Tasks nothing depends on, sorted (the default targets). */
  leaves(): string[] {
    if (this.leafList) return this.leafList;
    const isLeaf = new Map<string, boolean>();
    for (const name of this.tasks.keys()) {
      if (!isLeaf.has(name)) isLeaf.set(name, true);
      for (const dep of this.deps.get(name) ?? []) isLeaf.set(dep, false);
    }
    return (this.leafList = [...isLeaf].filter(([, leaf]) => leaf).map(([n]) => n).sort());
  }

  /** buildLocalScopeFromTask's ancestors of a task, in the order they are visited. */
  ancestors(task: string): string[] {
    const cached = this.ancestorLists.get(task);
    if (cached) return cached;
    const out = new Set<string>();
    const stack = [...(this.deps.get(task) ?? [])];
    while (stack.length > 0) {
      const t = stack.pop() as string;
      if (out.has(t)) continue;
      out.add(t);
      stack.push(...(this.deps.get(t) ?? []));
    }
    const list = [...out];
    this.ancestorLists.set(task, list);
    return list;
  }

  logic(task: DagTask): string {
    let l = this.logics.get(task.name);
    if (l === undefined) this.logics.set(task.name, (l = dependsLogic(task)));
    return l;
  }

  /** `runsAsWritten` (a task's parameter `valueFrom` needs no resolving here), cached per task name. */
  plain(task: DagTask): boolean {
    let p = this.plains.get(task.name);
    if (p !== undefined) return p;
    p = runsAsWritten(task, false);
    this.plains.set(task.name, p);
    return p;
  }

  /** Names and ids of the tasks' nodes under the DAG node `dagNodeName` of workflow `wfName`. */
  nodesOf(wfName: string, dagNodeName: string): TaskNodes {
    const key = `${wfName}\n${dagNodeName}`;
    let n = this.nodes.get(key);
    if (!n) {
      // A DAG template run under many node names (a loop over it) keeps a bounded set.
      if (this.nodes.size > 1000) this.nodes.clear();
      this.nodes.set(key, (n = new TaskNodes(wfName, dagNodeName, this.order)));
    }
    return n;
  }
}

const SHAPES = new WeakMap<DagTask[], DagShape>();

/** The shape of a task list: shared while the list is a stored (frozen) one, else computed afresh. */
export function dagShape(list: DagTask[]): DagShape {
  if (!Object.isFrozen(list)) return new DagShape(list);
  let s = SHAPES.get(list);
  if (!s) SHAPES.set(list, (s = new DagShape(list)));
  return s;
}
