/** Admission for CRDs themselves (defaults, validation, cleanup finalizer) and for custom objects (schema). */
import type { KindInfo } from '../kinds.js';
import type { Admission } from '../store/index.js';
import type { KubeObject, StoredObject } from '../types.js';
import { decodeError, fieldValidationOf, invalidError, required, validateLabels, validateName } from '../validation/index.js';
import type { FieldError } from '../validation/index.js';
import { servedCustomKind } from './registry.js';
import { validateCustomObject } from './structural.js';
import { validateCrd } from './validateCrd.js';

export const CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

type Obj = Record<string, unknown>;

function defaultCrd(crd: KubeObject, create: boolean): void {
  const spec = (crd.spec ?? (crd.spec = {})) as Obj;
  const names = (spec.names ?? (spec.names = {})) as Obj;
  if (typeof names.kind === 'string') {
    if (!names.singular) names.singular = names.kind.toLowerCase();
    if (!names.listKind) names.listKind = `${names.kind}List`;
  }
  if (spec.conversion === undefined) spec.conversion = { strategy: 'None' };
  if (create) {
    const f = crd.metadata.finalizers ?? [];
    if (!f.includes(CLEANUP_FINALIZER)) crd.metadata.finalizers = [...f, CLEANUP_FINALIZER];
  }
}

function admitCrd(obj: KubeObject, old: StoredObject | undefined, info: KindInfo): void {
  if (obj.metadata.deletionTimestamp) return; // finishing a deletion: nothing to re-validate
  defaultCrd(obj, old === undefined);
  const errs = validateCrd(obj);
  if (errs.length) throw invalidError(info, obj.metadata.name ?? '', errs);
}

function admitCustom(obj: KubeObject, info: KindInfo, store: Parameters<Admission>[4], strict: boolean): void {
  const served = servedCustomKind(store, info.group, info.version, info.kind);
  if (!served) return;
  const name = obj.metadata.name ?? '';
  const { errors, pruned } = validateCustomObject(obj as unknown as Obj, served.schema);
  // Strict field validation (kubectl's default) refuses undeclared fields; status is written by
  // controllers, whose extra fields the server prunes silently.
  const unknown = strict ? pruned.filter((p) => p !== 'status' && !p.startsWith('status.')) : [];
  if (unknown.length) {
    const problems = unknown.map((field) => ({ field, message: `unknown field "${field}"`, kind: 'unknown' as const }));
    throw decodeError(info, name, `strict decoding error: ${problems.map((p) => p.message).join(', ')}`, problems);
  }
  const all: FieldError[] = [];
  if (name) all.push(...validateName('metadata.name', name, 'subdomain'));
  else all.push(required('metadata.name', 'name or generateName is required'));
  all.push(...validateLabels('metadata.labels', obj.metadata.labels));
  all.push(...errors);
  if (all.length) throw invalidError(info, name, all);
}

export interface CrdAdmissionOptions {
  /** Refuse undeclared fields outside status; default: the request's mode (`withFieldValidation`), Strict unless set. */
  strict?: boolean;
}

export function crdAdmission(opts: CrdAdmissionOptions = {}): Admission {
  return (op, obj, old, info, store) => {
    if (op === 'DELETE') return;
    if (info.group === 'apiextensions.k8s.io' && info.kind === 'CustomResourceDefinition') admitCrd(obj, old, info);
    else if (info.fromCrd) {
      // Status-only writes and deletions in progress carry an already-validated body.
      if (obj.metadata.deletionTimestamp && old) return;
      admitCustom(obj, info, store, opts.strict ?? fieldValidationOf(store) === 'Strict');
    }
  };
}
