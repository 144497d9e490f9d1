/**
 * Argo CD's application controller: refresh (render → compare → status), operations through the sync
 * engine (retry, terminate, history), automated sync with self-heal and prune, cascade deletion with
 * PostDelete hooks, one statechart per Application (`applicationMachineState`).
 */
export { applicationController, APPLICATION_CONTROLLER } from './controller.js';
export { AppControllerState } from './state.js';
export type { AppControllerData } from './state.js';
export { applicationMachine, advanceMachine } from './machine.js';
export type { PersistedAppMachine, AppMachineEvent, AppMachineContext } from './machine.js';
export { readSettings } from './settings.js';
export type { ControllerSettings, TrackingMethod } from './settings.js';
export { retryDelayMs, selfHealRemainingMs } from './retry.js';
export { trackingId } from './render.js';
export { trackedInstance } from './live.js';
export * from './types.js';
