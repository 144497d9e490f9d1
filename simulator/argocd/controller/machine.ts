/**
 * One statechart per Application: what the controller believes about it. Reconciles are synchronous, so
 * the controller computes (compare, sync step) and then sends the outcome here; the machine's persisted
 * value + context live in AppControllerState (plain data), so snapshots and replays keep them.
 *
 *   sync:       unknown → synced | outOfSync (| unknown again on a ComparisonError)
 *   operation:  idle → running ⇄ waiting → retrying → running … → idle; terminating on request
 *   lifecycle:  active → deleting (finalizer cascade in progress)
 */
import { assign, initialTransition, setup, transition } from 'xstate';
import type { SnapshotFrom } from 'xstate';

export type AppMachineEvent =
  | { type: 'COMPARED'; status: 'Synced' | 'OutOfSync' | 'Unknown'; why: string }
  | { type: 'OPERATION_STARTED'; why: string }
  | { type: 'OPERATION_WAITING'; why: string }
  | { type: 'OPERATION_PROGRESS'; why: string }
  | { type: 'OPERATION_RETRYING'; why: string }
  | { type: 'OPERATION_TERMINATING'; why: string }
  | { type: 'OPERATION_COMPLETED'; phase: string; why: string }
  | { type: 'DELETING'; why: string };

export interface AppMachineContext {
  /** The latest learner-facing explanation of what the controller decided. */
  why: string;
  operations: number;
}

export const applicationMachine = setup({
  types: { context: {} as AppMachineContext, events: {} as AppMachineEvent },
  actions: {
    note: assign({ why: ({ event }) => event.why }),
    count: assign({ operations: ({ context }) => context.operations + 1 }),
  },
}).createMachine({
  id: 'application',
  type: 'parallel',
  context: { why: 'not compared yet', operations: 0 },
  states: {
    sync: {
      initial: 'unknown',
      states: {
        unknown: {},
        synced: {},
        outOfSync: {},
      },
      on: {
        COMPARED: [
          { guard: ({ event }) => event.status === 'Synced', target: '.synced', actions: 'note' },
          { guard: ({ event }) => event.status === 'OutOfSync', target: '.outOfSync', actions: 'note' },
          { target: '.unknown', actions: 'note' },
        ],
      },
    },
    operation: {
      initial: 'idle',
      states: {
        idle: {
          on: {
            OPERATION_STARTED: { target: 'running', actions: ['note', 'count'] },
          },
        },
        running: {
          on: {
            OPERATION_WAITING: { target: 'waiting', actions: 'note' },
            OPERATION_PROGRESS: { actions: 'note' },
          },
        },
        waiting: {
          on: {
            OPERATION_PROGRESS: { target: 'running', actions: 'note' },
            OPERATION_WAITING: { actions: 'note' },
          },
        },
        retrying: {
          on: {
            OPERATION_PROGRESS: { target: 'running', actions: 'note' },
            OPERATION_WAITING: { target: 'running', actions: 'note' },
          },
        },
        terminating: {},
      },
      on: {
        OPERATION_RETRYING: { target: '.retrying', actions: 'note' },
        OPERATION_TERMINATING: { target: '.terminating', actions: 'note' },
        OPERATION_COMPLETED: { target: '.idle', actions: 'note' },
      },
    },
    lifecycle: {
      initial: 'active',
      states: {
        active: { on: { DELETING: { target: 'deleting', actions: 'note' } } },
        deleting: {},
      },
    },
  },
});

export type AppMachineSnapshot = SnapshotFrom<typeof applicationMachine>;

/** The persisted form: plain JSON. */
export interface PersistedAppMachine {
  value: { sync: string; operation: string; lifecycle: string };
  context: AppMachineContext;
}

function restore(saved: PersistedAppMachine | undefined): AppMachineSnapshot {
  if (!saved) return initialTransition(applicationMachine)[0];
  return applicationMachine.resolveState({ value: saved.value, context: saved.context });
}

/** Feed events to the machine, pure: saved state in, saved state out. */
export function advanceMachine(saved: PersistedAppMachine | undefined, events: readonly AppMachineEvent[]): PersistedAppMachine {
  let snap = restore(saved);
  for (const e of events) snap = transition(applicationMachine, snap, e)[0];
  const value = snap.value as PersistedAppMachine['value'];
  return { value: { sync: value.sync, operation: value.operation, lifecycle: value.lifecycle }, context: { ...snap.context } };
}
