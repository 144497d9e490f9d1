/**
 * The scheduler: a workqueue of data items `{at, controller, key}` ordered by virtual time, then by
 * insertion. Items are plain data (never closures) so a snapshot of the queue restores exactly.
 */
import { VirtualClock } from './clock.js';

export interface WorkItem {
  at: number;
  seq: number;
  controller: string;
  key: string;
  /** Periodic work (resyncs, cron schedules) that does not keep the world "unsettled". */
  background: boolean;
}

export interface SchedulerState {
  seq: number;
  items: WorkItem[];
}

export type Dispatch = (item: WorkItem) => void;

export interface SettleOptions {
  /** Stop after this much virtual time even if work remains (default 1 hour). */
  maxVirtualMs?: number;
  /** Stop after this many work items (guards against livelock; default 5,000,000). */
  maxSteps?: number;
}

export interface SettleResult {
  settled: boolean;
  steps: number;
  virtualMs: number;
  /** `awaiting-runtime`: async work (a script, a pyodide load) is pending; drive with the async methods. */
  reason: 'settled' | 'max-virtual-time' | 'max-steps' | 'awaiting-runtime';
}

/** Thrown by the sync `step`/`advance` when async work must finish first (see core/asyncJobs.ts). */
export type BlockedCheck = () => Error | undefined;

/** Binary min-heap on (at, seq). */
class Heap {
  items: WorkItem[] = [];

  push(item: WorkItem): void {
    // Sift up by moving parents down into the hole (no swaps, no temporaries).
    const a = this.items;
    let i = a.length;
    a.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = a[p]!;
      if (!less(item, parent)) break;
      a[i] = parent;
      i = p;
    }
    a[i] = item;
  }

  peek(): WorkItem | undefined {
    return this.items[0];
  }

  pop(): WorkItem | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    const n = a.length;
    if (n > 0) {
      // Sift `last` down from the root, moving the smaller child up into the hole.
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && less(a[r]!, a[l]!) ? r : l;
        const child = a[c]!;
        if (!less(child, last)) break;
        a[i] = child;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

/**
 * Items due at the time they were queued (most are: watch events), in (at, seq) order by construction, so a
 * queue suffices: no heap sift per item.
 */
class Fifo {
  private items: (WorkItem | undefined)[] = [];
  private head = 0;

  /** Appends `item` if that keeps the order (the clock only moves forward, except on restore), else false. */
  push(item: WorkItem): boolean {
    const a = this.items;
    if (a.length > this.head && a[a.length - 1]!.at > item.at) return false;
    a.push(item);
    return true;
  }

  peek(): WorkItem | undefined {
    return this.items[this.head];
  }

  pop(): void {
    const a = this.items;
    a[this.head++] = undefined;
    if (this.head === a.length) {
      a.length = 0;
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= a.length) {
      this.items = a.slice(this.head);
      this.head = 0;
    }
  }
}

function less(x: WorkItem, y: WorkItem): boolean {
  return x.at < y.at || (x.at === y.at && x.seq < y.seq);
}

export class Scheduler {
  private heap = new Heap();
  private due = new Fifo();
  /** Whether the item `liveTop` last returned is the head of `due` (else the top of `heap`). */
  private topInDue = false;
  /** `liveTop`'s answer while nothing was queued, run or restored since (`topKnown`). */
  private top: WorkItem | undefined;
  private topKnown = false;
  private seq = 0;
  /** controller → key → its live item (workqueue de-duplication); superseded items stay queued, stale. */
  private pending = new Map<string, Map<string, WorkItem>>();
  private pendingCount = 0;
  /** The pending map holding the item `liveTop` last returned. */
  private topByKey: Map<string, WorkItem> | undefined;
  private foreground = 0;
  private dispatch: Dispatch = () => {};
  private blocked: BlockedCheck = () => undefined;

  constructor(readonly clock: VirtualClock) {}

  setDispatch(dispatch: Dispatch): void {
    this.dispatch = dispatch;
  }

  /** While `check` returns an error, no item runs and virtual time does not move. */
  setBlockedCheck(check: BlockedCheck): void {
    this.blocked = check;
  }

  /** Queue `key` for `controller` after `delayMs` (0 = as soon as possible, after work already queued now). */
  enqueue(controller: string, key: string, delayMs = 0, background = false): void {
    const at = this.clock.now() + (delayMs > 0 ? Math.round(delayMs) : 0);
    let byKey = this.pending.get(controller);
    if (byKey === undefined) this.pending.set(controller, (byKey = new Map()));
    const existing = byKey.get(key);
    // Like client-go's workqueue: a key already waiting at or before `at` is not queued twice.
    if (existing !== undefined && existing.at <= at) return;
    if (existing !== undefined && !existing.background) this.foreground--;
    if (existing === undefined) this.pendingCount++;
    const item: WorkItem = { at, seq: this.seq++, controller, key, background: background && (existing?.background ?? true) };
    byKey.set(key, item);
    if (!item.background) this.foreground++;
    if (at !== this.clock.now() || !this.due.push(item)) this.heap.push(item);
    this.topKnown = false;
  }

  get size(): number {
    return this.pendingCount;
  }

  /** Time of the next item, if any. */
  nextAt(): number | undefined {
    return this.liveTop()?.at;
  }

  hasForegroundWork(): boolean {
    return this.foreground > 0;
  }

  /** Run the next item (moving the clock to its time). Returns false when the queue is empty. */
  step(): boolean {
    const blocked = this.blocked();
    if (blocked) throw blocked;
    const item = this.liveTop();
    if (!item) return false;
    this.run(item);
    return true;
  }

  /** Pop `item` (the live top, just returned by `liveTop`) and dispatch it at its time. */
  private run(item: WorkItem): void {
    if (this.topInDue) this.due.pop();
    else this.heap.pop();
    this.topKnown = false;
    // `liveTop` found the item in this map: no second lookup.
    if (this.topByKey!.delete(item.key)) this.pendingCount--;
    if (!item.background) this.foreground--;
    if (item.at > this.clock.now()) this.clock.set(item.at);
    this.dispatch(item);
  }

  /** Run everything due within the next `ms` of virtual time, then move the clock to now + ms. */
  advance(ms: number): number {
    const r = this.advanceTo(this.clock.now() + Math.max(0, ms));
    if (r.blocked) throw r.blocked;
    return r.steps;
  }

  /** Like `advance`, but stops (clock not moved past the blocking item) when async work is pending. */
  advanceTo(until: number): { steps: number; blocked?: Error } {
    let steps = 0;
    for (;;) {
      const blocked = this.blocked();
      if (blocked) return { steps, blocked };
      const item = this.liveTop();
      if (item === undefined || item.at > until) break;
      // Through `step` (which finds this same item at once): callers may wrap it to count dispatches.
      this.step();
      steps++;
    }
    this.clock.set(Math.max(this.clock.now(), until));
    return { steps };
  }

  /** Run until only background work remains, or a limit is hit. */
  runUntilSettled(opts: SettleOptions = {}): SettleResult {
    const start = this.clock.now();
    const maxVirtualMs = opts.maxVirtualMs ?? 3_600_000;
    const maxSteps = opts.maxSteps ?? 5_000_000;
    let steps = 0;
    const awaiting = () => ({ settled: false, steps, virtualMs: this.clock.now() - start, reason: 'awaiting-runtime' as const });
    while (this.foreground > 0) {
      if (this.blocked()) return awaiting();
      const item = this.liveTop();
      if (item === undefined) break;
      if (item.at - start > maxVirtualMs) {
        this.clock.set(start + maxVirtualMs);
        return { settled: false, steps, virtualMs: maxVirtualMs, reason: 'max-virtual-time' };
      }
      if (steps >= maxSteps) {
        return { settled: false, steps, virtualMs: this.clock.now() - start, reason: 'max-steps' };
      }
      this.step();
      steps++;
    }
    if (this.blocked()) return awaiting();
    return { settled: true, steps, virtualMs: this.clock.now() - start, reason: 'settled' };
  }

  getState(): SchedulerState {
    const items: WorkItem[] = [];
    for (const byKey of this.pending.values()) for (const item of byKey.values()) items.push(item);
    return { seq: this.seq, items: items.map((i) => ({ ...i })).sort((x, y) => (less(x, y) ? -1 : 1)) };
  }

  setState(state: SchedulerState): void {
    this.heap = new Heap();
    this.due = new Fifo();
    this.topKnown = false;
    this.pending.clear();
    this.pendingCount = 0;
    this.foreground = 0;
    this.seq = state.seq;
    for (const saved of state.items) {
      const item = { ...saved };
      this.heap.push(item);
      let byKey = this.pending.get(item.controller);
      if (byKey === undefined) this.pending.set(item.controller, (byKey = new Map()));
      if (!byKey.has(item.key)) this.pendingCount++;
      byKey.set(item.key, item);
      if (!item.background) this.foreground++;
    }
  }

  /**
   * The next item to run (the earlier of the due queue's head and the heap's top), dropping superseded ones;
   * remembered until the queue changes, so `step` right after a look (the run loops) does not search again.
   */
  private liveTop(): WorkItem | undefined {
    if (this.topKnown) return this.top;
    this.topKnown = true;
    return (this.top = this.findTop());
  }

  private findTop(): WorkItem | undefined {
    for (;;) {
      const h = this.heap.peek();
      const d = this.due.peek();
      const inDue = d !== undefined && (h === undefined || less(d, h));
      const top = inDue ? d : h;
      if (top === undefined) return undefined;
      const byKey = this.pending.get(top.controller);
      if (byKey !== undefined && byKey.get(top.key) === top) {
        this.topByKey = byKey;
        this.topInDue = inDue;
        return top;
      }
      if (inDue) this.due.pop();
      else this.heap.pop();
    }
  }
}
