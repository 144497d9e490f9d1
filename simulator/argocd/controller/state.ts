/**
 * What the application controller keeps outside the store: each Application's statechart (plain data,
 * part of sandbox snapshots) and the repo server's manifest cache (a cache: never snapshotted, results
 * are the same with or without it).
 */
import type { ManifestResponse } from '../repoServer/index.js';
import type { PersistedAppMachine } from './machine.js';

export interface AppControllerData {
  machines: Record<string, PersistedAppMachine>;
  /** Virtual ms of each app's next periodic refresh (resync period + its jitter, drawn once per refresh). */
  resyncAt: Record<string, number>;
}

export class AppControllerState {
  readonly manifestCache = new Map<string, ManifestResponse>();
  machines: Record<string, PersistedAppMachine> = {};
  resyncAt: Record<string, number> = {};

  getState(): AppControllerData {
    return { machines: this.machines, resyncAt: this.resyncAt };
  }

  setState(state: unknown): void {
    const s = state as Partial<AppControllerData> | undefined;
    this.machines = { ...(s?.machines ?? {}) };
    this.resyncAt = { ...(s?.resyncAt ?? {}) };
    this.manifestCache.clear();
  }
}
