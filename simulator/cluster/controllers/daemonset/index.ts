/** DaemonSet → one pod per eligible node. */
export { daemonSetController } from './daemonSetController.js';
