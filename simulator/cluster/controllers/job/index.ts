/** Job → Pods to completion. */
export { jobController } from './jobController.js';
