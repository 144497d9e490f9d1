/** Namespace lifecycle: Active → Terminating → gone, deleting its content. */
export { namespaceController } from './namespaceController.js';
