/** AppProject checks for the controller (the project rules themselves live in simulator/argocd/project). */
import type { StoredObject } from '../../cluster/types.js';
import type { AppReconcile } from './context.js';
import type { AppCondition } from './types.js';

/** InvalidSpecError conditions from the app's AppProject (source repos, destinations). */
export function projectConditions(_r: AppReconcile, _project: StoredObject): AppCondition[] {
  return [];
}
