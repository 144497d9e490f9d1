/**
 * A feature is a named bag of worker-side calls the UI makes through `EngineApi.call`. Queries only read the world;
 * actions change it and are journaled (virtual time + arguments) so replay, scrub and reload can redo them.
 */
import type { Sandbox } from '../../../simulator/sandbox.js';

export interface FeatureHost {
  /** The live world (replaced on load / replay: never keep it across calls). */
  readonly world: Sandbox;
  /** Ask for a fresh view model push soon. */
  changed(): void;
}

/** Any call: first the host, then structured-clone-safe arguments. */
// `never` rest parameters make every concrete signature assignable (contravariance), without `any`.
export type FeatureCall = (host: FeatureHost, ...args: never) => unknown;

export interface Feature {
  queries?: Record<string, FeatureCall>;
  actions?: Record<string, FeatureCall>;
}

/** Keeps the literal method types so the main thread gets typed `query`/`action` helpers. */
export function defineFeature<Q extends Record<string, FeatureCall> = Record<never, never>, A extends Record<string, FeatureCall> = Record<never, never>>(feature: {
  queries?: Q;
  actions?: A;
}): { queries: Q; actions: A } {
  return { queries: (feature.queries ?? {}) as Q, actions: (feature.actions ?? {}) as A };
}

/** One world-changing call, as the journal keeps it. */
export interface JournalEntry {
  /** Virtual time (ms) when the action ran. */
  t: number;
  feature: string;
  method: string;
  args: unknown[];
}
