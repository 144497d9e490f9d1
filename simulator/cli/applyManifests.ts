/**
 * Apply parsed manifests to a sandbox the way `kubectl apply` would: Namespaces first (so objects in
 * them can be created), then CustomResourceDefinitions (so their kinds are served), then the rest in
 * file order. Each bad object becomes a located error; the others still go in.
 */
import { isApiError } from '../core/errors.js';
import type { LocatedError } from '../core/errors.js';
import { locateApiCauses, locateApiError, locateIn } from '../manifest/index.js';
import type { ParsedManifest } from '../manifest/index.js';
import type { Sandbox } from '../sandbox.js';
import type { StoredObject } from '../cluster/types.js';

export const FIELD_MANAGER = 'argo-sandbox';

export interface ApplyResult {
  applied: StoredObject[];
  errors: LocatedError[];
}

function rank(m: ParsedManifest): number {
  const { apiVersion, kind } = m.object;
  if (kind === 'Namespace' && apiVersion === 'v1') return 0;
  if (kind === 'CustomResourceDefinition' && apiVersion.startsWith('apiextensions.k8s.io/')) return 1;
  return 2;
}

/** Manifests in apply order (stable within a rank). */
export function applyOrder(manifests: readonly ParsedManifest[]): ParsedManifest[] {
  return manifests
    .map((m, i) => ({ m, i, r: rank(m) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.m);
}

/** Every error of a rejected object, each at the line of the field it is about. */
function located(m: ParsedManifest, err: unknown): LocatedError[] {
  if (isApiError(err) && (err.status.details?.causes?.length ?? 0) > 1) return locateApiCauses(m, err);
  return [locateApiError(m, err)];
}

function isUnknownKind(err: unknown): boolean {
  return isApiError(err) && err.reason === 'NotFound' && err.message.startsWith('no matches for kind');
}

export function applyManifests(sandbox: Sandbox, manifests: readonly ParsedManifest[]): ApplyResult {
  const applied: StoredObject[] = [];
  const errors: LocatedError[] = [];
  const retry: ParsedManifest[] = [];
  const applyOne = (m: ParsedManifest, last: boolean): void => {
    const meta = m.object.metadata;
    if (!meta.name && !meta.generateName) {
      const at = locateIn(m, 'metadata');
      errors.push({ file: m.file, line: at.line, column: at.column, path: 'metadata.name', message: 'resource name may not be empty' });
      return;
    }
    try {
      applied.push(sandbox.store.apply(m.object, { fieldManager: FIELD_MANAGER }));
    } catch (err) {
      if (!last && isUnknownKind(err)) retry.push(m);
      else errors.push(...located(m, err));
    }
  };
  for (const m of applyOrder(manifests)) applyOne(m, false);
  if (retry.length > 0) {
    // A kind defined by a CRD in the same input is served once its controller has run: let work due
    // now happen (no virtual time passes), then try those objects again.
    sandbox.advance(0);
    for (const m of retry) applyOne(m, true);
  }
  return { applied, errors };
}
