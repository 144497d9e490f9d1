/** Watch fan-out with a bounded history so a watch can resume from a resourceVersion (410 Gone past it). */
import { ApiError } from '../../core/errors.js';
import type { KindInfo } from '../kinds.js';
import type { WatchEvent } from '../types.js';
import { WatchHistory } from './history.js';
import type { MapDelta } from './objectUtil.js';

export interface WatchOptions {
  /** Only this kind (group + kind); all kinds when omitted. */
  group?: string;
  kind?: string;
  namespace?: string;
  /** Replay events after this resourceVersion before going live. */
  resourceVersion?: string;
}

export type WatchHandler = (event: WatchEvent, rv: number) => void;

interface Sub {
  handler: WatchHandler;
  opts: WatchOptions;
  /** `group/kind` when the watch is for one kind. */
  kindId: string | undefined;
  active: boolean;
}

/** A kind's id and the subscriptions that see its events (rebuilt when subscriptions change). */
interface KindEntry {
  id: string;
  subs: Sub[];
  /** The hub's `version` `subs` was built for. */
  version: number;
}

export class WatchHub {
  /** In subscription order; replaced (never mutated) on (un)subscribe so an emit can iterate safely. */
  private subs: Sub[] = [];
  private kindIds = new Map<string, Map<string, KindEntry>>();
  /** Bumped on every (un)subscribe: the per-kind subscriber lists are rebuilt lazily after it. */
  private version = 0;
  private readonly history = new WatchHistory();

  reset(): void {
    this.history.reset();
  }

  /**
   * The kind's entry, its subscriber list current: the watches of this kind and of all kinds, in
   * subscription order (an emit then skips the other kinds' watches without comparing their ids).
   */
  private kindEntry(info: KindInfo): KindEntry {
    let byKind = this.kindIds.get(info.group);
    if (!byKind) this.kindIds.set(info.group, (byKind = new Map()));
    let entry = byKind.get(info.kind);
    if (entry === undefined) byKind.set(info.kind, (entry = { id: `${info.group}/${info.kind}`, subs: [], version: -1 }));
    if (entry.version !== this.version) {
      const id = entry.id;
      entry.subs = this.subs.filter((s) => s.kindId === undefined || s.kindId === id);
      entry.version = this.version;
    }
    return entry;
  }

  /** `delta`: how the derived map of a MODIFIED event's object differs from its old version's (objectUtil.ts). */
  emit(info: KindInfo, event: WatchEvent, rv: number, delta?: MapDelta): void {
    const entry = this.kindEntry(info);
    this.history.push(rv, entry.id, event, delta);
    // Never mutated (rebuilt after a change), so handlers may (un)subscribe mid-emit.
    const subs = entry.subs;
    for (let i = 0; i < subs.length; i++) {
      const s = subs[i]!;
      // A handler may unsubscribe others mid-emit: those are skipped, as before.
      if (!s.active) continue;
      if (s.opts.namespace && event.object.metadata.namespace !== s.opts.namespace) continue;
      s.handler(event, rv);
    }
  }

  subscribe(handler: WatchHandler, opts: WatchOptions, currentRv: number): () => void {
    if (opts.resourceVersion !== undefined && opts.resourceVersion !== '' && opts.resourceVersion !== '0') {
      const from = Number(opts.resourceVersion);
      if (!Number.isFinite(from) || from < this.history.oldestRv) {
        throw new ApiError('Expired', `too old resource version: ${opts.resourceVersion} (${currentRv})`);
      }
      const kindId = opts.kind !== undefined ? `${opts.group ?? ''}/${opts.kind}` : undefined;
      this.history.replay(from, kindId, (event, rv, id) => {
        if (matches(opts, id, event)) handler(event, rv);
      });
    }
    const sub: Sub = { handler, opts, kindId: opts.kind !== undefined ? `${opts.group ?? ''}/${opts.kind}` : undefined, active: true };
    this.subs = [...this.subs, sub];
    this.version++;
    return () => {
      if (!sub.active) return false;
      sub.active = false;
      this.subs = this.subs.filter((s) => s !== sub);
      this.version++;
      return true;
    };
  }
}

function matches(opts: WatchOptions, kindId: string, event: WatchEvent): boolean {
  if (opts.kind !== undefined && `${opts.group ?? ''}/${opts.kind}` !== kindId) return false;
  if (opts.namespace && event.object.metadata.namespace !== opts.namespace) return false;
  return true;
}
