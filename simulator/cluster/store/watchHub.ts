/** Watch fan-out with a bounded history so a watch can resume from a resourceVersion (410 Gone past it). */
import { ApiError } from '../../core/errors.js';
import type { KindInfo } from '../kinds.js';
import type { WatchEvent } from '../types.js';

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
}

const HISTORY = 20_000;

export class WatchHub {
  private subs = new Set<Sub>();
  private history: { rv: number; kindId: string; event: WatchEvent }[] = [];
  private oldestRv = 0;

  reset(): void {
    this.history = [];
  }

  emit(info: KindInfo, event: WatchEvent, rv: number): void {
    const kindId = `${info.group}/${info.kind}`;
    this.history.push({ rv, kindId, event });
    if (this.history.length > HISTORY * 1.5) {
      const cut = this.history.length - HISTORY;
      this.oldestRv = this.history[cut - 1]!.rv;
      this.history = this.history.slice(cut);
    }
    for (const s of [...this.subs]) if (this.subs.has(s) && matches(s.opts, kindId, event)) s.handler(event, rv);
  }

  subscribe(handler: WatchHandler, opts: WatchOptions, currentRv: number): () => void {
    if (opts.resourceVersion !== undefined && opts.resourceVersion !== '' && opts.resourceVersion !== '0') {
      const from = Number(opts.resourceVersion);
      if (!Number.isFinite(from) || from < this.oldestRv) {
        throw new ApiError('Expired', `too old resource version: ${opts.resourceVersion} (${currentRv})`);
      }
      const kindId = opts.kind !== undefined ? `${opts.group ?? ''}/${opts.kind}` : undefined;
      for (const h of this.history) {
        if (h.rv > from && (!kindId || h.kindId === kindId) && matches(opts, h.kindId, h.event)) handler(h.event, h.rv);
      }
    }
    const sub = { handler, opts };
    this.subs.add(sub);
    return () => this.subs.delete(sub);
  }
}

function matches(opts: WatchOptions, kindId: string, event: WatchEvent): boolean {
  if (opts.kind !== undefined && `${opts.group ?? ''}/${opts.kind}` !== kindId) return false;
  if (opts.namespace && event.object.metadata.namespace !== opts.namespace) return false;
  return true;
}
