/**
 * Editor and `--dry-run` diagnostics: parse, then ask the store to validate each object without
 * writing it (dry run), and put every problem on its line. Objects that depend on something the
 * same text creates first (its Namespaces, its CRDs' kinds) are not reported for that dependency.
 */
import { isApiError } from '../core/errors.js';
import type { LocatedError } from '../core/errors.js';
import type { ObjectStore } from '../cluster/store/index.js';
import { locateApiCauses } from './locate.js';
import { parseManifests } from './parse.js';

export interface Diagnostic extends LocatedError {
  severity: 'error';
}

/** Every problem in `text`: syntax and limits, then what the API server would refuse, one entry per field. */
export function diagnose(text: string | Uint8Array, file: string | undefined, store: ObjectStore): Diagnostic[] {
  const { manifests, errors } = parseManifests(text, file);
  const out: Diagnostic[] = errors.map((e) => ({ ...e, severity: 'error' }));
  const namespaces = new Set<string>();
  const crdKinds = new Set<string>();
  for (const m of manifests) {
    const o = m.object;
    if (o.kind === 'Namespace' && o.metadata.name) namespaces.add(o.metadata.name);
    if (o.kind === 'CustomResourceDefinition') {
      const spec = o.spec as { group?: string; names?: { kind?: string } } | undefined;
      if (spec?.group && spec.names?.kind) crdKinds.add(`${spec.group}/${spec.names.kind}`);
    }
  }
  for (const m of manifests) {
    const o = m.object;
    try {
      store.apply(o, { dryRun: true, fieldManager: 'argo-sandbox', force: true });
    } catch (err) {
      if (!isApiError(err)) {
        out.push({ file, line: m.line, column: m.column, message: err instanceof Error ? err.message : String(err), severity: 'error' });
        continue;
      }
      const group = o.apiVersion.includes('/') ? o.apiVersion.slice(0, o.apiVersion.indexOf('/')) : '';
      if (err.reason === 'NotFound' && err.message.startsWith('no matches for kind') && crdKinds.has(`${group}/${o.kind}`)) continue;
      if (err.reason === 'NotFound' && err.message === `namespaces "${o.metadata.namespace}" not found` && namespaces.has(o.metadata.namespace ?? '')) continue;
      for (const e of locateApiCauses(m, err)) out.push({ ...e, severity: 'error' });
    }
  }
  return out;
}
