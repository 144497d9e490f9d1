/** Everything one syncStep call works with (the syncContext of gitops-engine, rebuilt from data each call). */
import type { ObjectRef } from '../../../core/eventLog.js';
import type { OperationPhase } from '../common/types.js';
import type { Results } from './results.js';
import type { SyncSettings } from './settings.js';
import type { SyncEnv, SyncRequest } from './types.js';

export interface SyncContext {
  env: SyncEnv;
  req: SyncRequest;
  s: SyncSettings;
  results: Results;
  phase: OperationPhase;
  message: string;
  startedAt: string;
  /** Set when a wave was applied and the next one must wait (ARGOCD_SYNC_WAVE_DELAY). */
  waveDelayUntil?: number;
  /** ApplyOutOfSyncOnly: resource key → modified, from the controller's comparison. */
  modified: Map<string, boolean>;
  app: ObjectRef;
}

export function setOperationPhase(ctx: SyncContext, phase: OperationPhase, message: string): void {
  ctx.phase = phase;
  ctx.message = message;
}

/** Events about the operation go to the Application, each with a learner-facing why. */
export function note(ctx: SyncContext, reason: string, message: string, why: string, type: 'Normal' | 'Warning' = 'Normal'): void {
  ctx.env.record({ involvedObject: ctx.app, reason, message, type, why });
}
