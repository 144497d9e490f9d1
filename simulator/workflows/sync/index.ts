/** Synchronization: mutexes and ConfigMap semaphores for workflows and templates. */
export { lockRefs, lockLimit, lockTable, checkAcquire, queueOrder, shortHolder } from './locks.js';
export type { LockRef, Synchronization, SyncStatus, AcquireResult, Claim, LockView } from './locks.js';
export { tryAcquire, release, isWaiting, heldBy, SYNC_RECHECK_MS } from './manager.js';
export { withSynchronization, runSynchronized, acquireOrWait, releaseFinishedNodes, waitingForLock } from './template.js';
export { acquireWorkflowLocks, releaseWorkflowLocks } from './workflow.js';
