/**
 * Controllers as xstate v5 actors. A controller is data plus one `reconcile(ctx, key)` function; the
 * runtime wraps it in a machine (idle ⇄ reconciling, with per-key error back-off) and the scheduler
 * delivers RECONCILE events to it in virtual time.
 */
import { assign, createActor, setup } from 'xstate';
import type { Actor, InspectionEvent } from 'xstate';
import type { ObjectRef, EventType } from './eventLog.js';

export interface RecordInput {
  involvedObject: ObjectRef;
  reason: string;
  message: string;
  type?: EventType;
  why?: string;
}

/** What a controller may touch: everything goes through here, so it stays deterministic. */
export interface ControllerContextBase {
  now(): number;
  /** Kubernetes timestamp (second precision) for a virtual time; now when omitted. */
  iso(ms?: number): string;
  /** Queue a key for this controller after a virtual delay. */
  enqueue(key: string, delayMs?: number, opts?: { background?: boolean }): void;
  record(event: RecordInput): void;
}

export interface ControllerDefinition<Ctx extends ControllerContextBase> {
  name: string;
  reconcile(ctx: Ctx, key: string): void;
}

interface MachineContext {
  reconciles: number;
  errors: number;
  /** Consecutive failures per key: drives the retry back-off (client-go's 5 ms · 2ⁿ, max 1000 s). */
  failures: Record<string, number>;
  lastError?: string;
}

export type ControllerEvent =
  | { type: 'RECONCILE'; key: string }
  | { type: 'DONE'; key: string }
  | { type: 'FAILED'; key: string; error: string };

export interface ControllerHooks {
  run(key: string): void;
  requeue(key: string, delayMs: number): void;
  failed(key: string, error: unknown): void;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * One state and targetless transitions: a reconcile is a single macrostep (an action plus a counter),
 * so the actor costs ~1.5 µs per reconcile instead of ~5 µs for an idle → reconciling → idle round trip.
 * Failures go through FAILED (back-off bookkeeping); a success after failures sends DONE to clear them.
 */
export function createControllerMachine(hooks: ControllerHooks) {
  return setup({
    types: { context: {} as MachineContext, events: {} as ControllerEvent },
    actions: {
      // The one impure step: run the controller's reconcile and report how it went.
      reconcile: ({ context, event, self }) => {
        if (event.type !== 'RECONCILE') return;
        try {
          hooks.run(event.key);
          if (context.failures[event.key] !== undefined) self.send({ type: 'DONE', key: event.key });
        } catch (err) {
          hooks.failed(event.key, err);
          self.send({ type: 'FAILED', key: event.key, error: describe(err) });
        }
      },
    },
  }).createMachine({
    id: 'controller',
    initial: 'idle',
    context: { reconciles: 0, errors: 0, failures: {} },
    states: {
      idle: {
        on: {
          RECONCILE: { actions: ['reconcile', assign({ reconciles: ({ context }) => context.reconciles + 1 })] },
          DONE: {
            actions: assign(({ context, event }) => {
              const { [event.key]: _cleared, ...failures } = context.failures;
              return { failures };
            }),
          },
          // A reconcile that throws is counted and retried with back-off; other keys keep going.
          FAILED: {
            actions: [
              assign(({ context, event }) => ({
                errors: context.errors + 1,
                lastError: event.error,
                failures: { ...context.failures, [event.key]: (context.failures[event.key] ?? 0) + 1 },
              })),
              ({ context, event }) => hooks.requeue(event.key, Math.min(5 * 2 ** ((context.failures[event.key] ?? 1) - 1), 1_000_000)),
            ],
          },
        },
      },
    },
  });
}

export type ControllerActor = Actor<ReturnType<typeof createControllerMachine>>;

/** Same shape as xstate's `inspect` option, so @statelyai/inspect plugs in unchanged. */
export type InspectHook = (event: InspectionEvent) => void;

export function startControllerActor(hooks: ControllerHooks, context?: MachineContext, inspect?: InspectHook): ControllerActor {
  const machine = createControllerMachine(hooks);
  const actor = createActor(machine, {
    ...(context ? { snapshot: machine.resolveState({ value: 'idle', context }) } : {}),
    ...(inspect ? { inspect } : {}),
  });
  actor.start();
  return actor;
}

export type ControllerMachineContext = MachineContext;
