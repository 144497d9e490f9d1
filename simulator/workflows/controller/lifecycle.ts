/**
 * A Workflow's lifecycle as an xstate machine. Its persisted snapshot is the data in `status.phase`,
 * so snapshot/restore and replay need nothing else: each reconcile resolves the state from the
 * status, asks the machine for the next one, and writes it back.
 */
import { createMachine, getNextSnapshot } from 'xstate';
import type { WorkflowPhase } from '../nodes/types.js';

type Ev = { type: 'START' } | { type: 'WAIT' } | { type: 'SUCCEED' } | { type: 'FAIL' } | { type: 'ERROR' };

export const workflowLifecycle = createMachine({
  id: 'workflow',
  types: {} as { events: Ev },
  initial: 'New',
  states: {
    New: { on: { START: 'Running', WAIT: 'Pending', SUCCEED: 'Succeeded', FAIL: 'Failed', ERROR: 'Error' } },
    Pending: { on: { START: 'Running', SUCCEED: 'Succeeded', FAIL: 'Failed', ERROR: 'Error' } },
    Running: { on: { WAIT: 'Pending', SUCCEED: 'Succeeded', FAIL: 'Failed', ERROR: 'Error' } },
    Succeeded: { type: 'final' },
    Failed: { type: 'final' },
    Error: { type: 'final' },
  },
});

const EVENT: Record<Exclude<WorkflowPhase, ''>, Ev['type']> = { Pending: 'WAIT', Running: 'START', Succeeded: 'SUCCEED', Failed: 'FAIL', Error: 'ERROR' };

/** The phase the machine allows next (a finished workflow stays finished). */
export function nextPhase(current: WorkflowPhase | undefined, wanted: Exclude<WorkflowPhase, ''>): WorkflowPhase {
  const state = workflowLifecycle.resolveState({ value: current ? current : 'New', context: {} });
  const next = getNextSnapshot(workflowLifecycle, state, { type: EVENT[wanted] });
  const v = String(next.value);
  return v === 'New' ? '' : (v as WorkflowPhase);
}
