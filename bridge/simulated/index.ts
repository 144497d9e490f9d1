/** The simulator behind the `ClusterBackend` contract. */
export { SimulatedBackend, toBackendError, DEFAULT_FIELD_MANAGER } from './simulatedBackend.js';
export type { SimulatedBackendOptions } from './simulatedBackend.js';
