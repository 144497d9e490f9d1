/**
 * kubectl's client-side dry run (what Argo's first pass uses): the manifest is checked against the
 * kind's schema (JSON types; unknown fields unless --validate=false) and nothing is sent to the server,
 * so defaults, semantic validation, immutable fields and missing namespaces only show in the real apply.
 * Custom resources are checked by their CRD's schema through the store's dry run (BadRequest only).
 */
import { ApiError } from '../../../core/errors.js';
import { clone } from '../../../cluster/types.js';
import type { JsonValue, KubeObject } from '../../../cluster/types.js';
import { checkEnvelope, decodeError, decodeObject, schemaFor, withFieldValidation } from '../../../cluster/validation/index.js';
import type { SyncEnv } from './types.js';

/** The error the client dry run would report, or undefined when the manifest passes. */
export function clientDryRun(env: SyncEnv, target: KubeObject, live: KubeObject | undefined, validate: boolean): ApiError | undefined {
  try {
    checkEnvelope(target);
  } catch (e) {
    return e instanceof ApiError ? e : new ApiError('BadRequest', String(e));
  }
  const info = env.store.kinds.find(target.apiVersion, target.kind);
  if (!info) return undefined; // a kind its CRD will bring (skipDryRun): nothing to check against yet
  if (info.fromCrd) {
    try {
      withFieldValidation(env.store, validate ? 'Strict' : 'Ignore', () =>
        live ? env.store.update({ ...clone(target), metadata: { ...clone(target.metadata), resourceVersion: live.metadata.resourceVersion } }, { dryRun: true }) : env.store.create(target, { dryRun: true }));
    } catch (e) {
      if (e instanceof ApiError && e.reason === 'BadRequest') return e;
    }
    return undefined;
  }
  const schema = schemaFor(info.group, info.kind);
  if (!schema) return undefined;
  const problems = decodeObject(clone(target) as unknown as Record<string, JsonValue>, schema, validate);
  if (problems.length === 0) return undefined;
  const types = problems.filter((p) => p.kind === 'type');
  const message = types.length > 0 ? types[0].message : `strict decoding error: ${problems.map((p) => p.message).join(', ')}`;
  return decodeError(info, target.metadata.name ?? '', message, types.length > 0 ? types : problems);
}
