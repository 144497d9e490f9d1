/**
 * What the application controller keeps outside the store: each Application's statechart (plain data,
 * part of sandbox snapshots) and the repo server's manifest cache (a cache: never snapshotted, results
 * are the same with or without it).
 */
import type { CompareMemo } from '../diff/index.js';
import type { ManifestResponse } from '../repoServer/index.js';
import type { PersistedAppMachine } from './machine.js';

export interface AppControllerData {
  machines: Record<string, PersistedAppMachine>;
  /** Virtual ms of each app's next periodic refresh (resync period + its jitter, drawn once per refresh). */
  resyncAt: Record<string, number>;
  /** Virtual ms before which a running operation is not stepped again (the engine's requested requeue). */
  stepAt?: Record<string, number>;
}

export class AppControllerState {
  readonly manifestCache = new Map<string, ManifestResponse>();
  /** Per app: diffs by (target, live) identity, valid while its diff options stay the same (a cache too). */
  private readonly memos = new Map<string, { options: string; memo: CompareMemo }>();
  machines: Record<string, PersistedAppMachine> = {};
  resyncAt: Record<string, number> = {};
  stepAt: Record<string, number> = {};

  compareMemo(appKey: string, options: unknown): CompareMemo {
    const sig = JSON.stringify(options ?? null);
    const m = this.memos.get(appKey);
    if (m && m.options === sig) return m.memo;
    const memo: CompareMemo = new WeakMap();
    this.memos.set(appKey, { options: sig, memo });
    return memo;
  }

  getState(): AppControllerData {
    return { machines: this.machines, resyncAt: this.resyncAt, stepAt: this.stepAt };
  }

  setState(state: unknown): void {
    const s = state as Partial<AppControllerData> | undefined;
    this.machines = { ...(s?.machines ?? {}) };
    this.resyncAt = { ...(s?.resyncAt ?? {}) };
    this.stepAt = { ...(s?.stepAt ?? {}) };
    this.manifestCache.clear();
    this.memos.clear();
  }
}
