/**
 * refreshAppConditions: spec-level problems (InvalidSpecError) — the project must exist; a source and a
 * destination must be given. The AppProject's own rules (source repos, destinations) come from
 * simulator/argocd/project when it is wired in (see project.ts).
 */
import type { AppReconcile } from './context.js';
import { projectConditions } from './project.js';
import { appSources } from './types.js';
import type { AppCondition } from './types.js';

export function specConditions(r: AppReconcile): AppCondition[] {
  const app = r.app;
  const out: AppCondition[] = [];
  const project = app.spec.project || 'default';
  const proj = r.ctx.store.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', namespace: r.controlNamespace, name: project });
  if (!proj) return [{ type: 'InvalidSpecError', message: `Application referencing project ${project} which does not exist` }];
  if (appSources(app).length === 0) out.push({ type: 'InvalidSpecError', message: 'spec.source or spec.sources must be specified' });
  const dest = app.spec.destination;
  if (!dest || (!dest.server && !dest.name)) out.push({ type: 'InvalidSpecError', message: 'Destination server missing from app spec' });
  out.push(...projectConditions(r, proj));
  return out;
}
