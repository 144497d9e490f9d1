/** StatefulSet → ordered pods with stable identity and storage. */
export { statefulSetController } from './statefulSetController.js';
