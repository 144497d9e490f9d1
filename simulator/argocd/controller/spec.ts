/**
 * refreshAppConditions: spec-level problems (InvalidSpecError) from the AppProject's verdict
 * (simulator/argocd/project validateApplication: project exists, sources, destinations, permitted repos).
 */
import type { AppReconcile } from './context.js';
import { projectConditions } from './project.js';
import type { AppCondition } from './types.js';

export function specConditions(r: AppReconcile): AppCondition[] {
  return r.project ? projectConditions(r, r.project) : [];
}
