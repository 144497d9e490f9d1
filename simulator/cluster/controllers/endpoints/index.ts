/** Service → Endpoints. */
export { endpointsController } from './endpointsController.js';
export { buildSubsets } from './subsets.js';
export type { EndpointSubset, EndpointAddress, EndpointPort } from './subsets.js';
