/** Rules for Ingress, RBAC, PersistentVolumeClaim, rolling-update percentages, env names, resources. */
import { isObj } from '../types.js';
import { listAt, objAt, strAt } from './access.js';
import type { Obj } from './access.js';
import { invalid, notSupported, required } from './fieldErrors.js';
import type { FieldError } from './fieldErrors.js';
import { parseQuantity } from './quantity.js';

const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** maxSurge / maxUnavailable: a non-negative integer or a percentage. */
export function validateIntOrPercent(field: string, v: unknown, out: FieldError[]): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') {
    if (v < 0) out.push(invalid(field, v, 'must be greater than or equal to 0'));
    return v;
  }
  if (typeof v === 'string') {
    if (!/^[0-9]+%$/.test(v)) {
      out.push(invalid(field, v, PERCENT_MSG));
      return undefined;
    }
    return parseInt(v, 10);
  }
  return undefined;
}

export function validateRollingUpdate(ru: Obj | undefined, field: string, out: FieldError[]): void {
  if (!ru) return;
  const surge = validateIntOrPercent(`${field}.maxSurge`, ru.maxSurge, out);
  const unavailable = validateIntOrPercent(`${field}.maxUnavailable`, ru.maxUnavailable, out);
  if (typeof ru.maxUnavailable === 'string' && unavailable !== undefined && unavailable > 100) out.push(invalid(`${field}.maxUnavailable`, ru.maxUnavailable, 'must not be greater than 100%'));
  if (surge === 0 && unavailable === 0) out.push(invalid(`${field}.maxUnavailable`, ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_MSG =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/** Env names and requests ≤ limits for one container at `field`. */
export function validateContainerExtras(c: Obj, field: string, out: FieldError[]): void {
  listAt(c, 'env')?.forEach((e, j) => {
    const name = strAt(isObj(e) ? e : undefined, 'name');
    if (name && !ENV_NAME.test(name)) out.push(invalid(`${field}.env[${j}].name`, name, ENV_MSG));
  });
  const res = objAt(c, 'resources');
  const limits = objAt(res, 'limits') ?? {};
  const requests = objAt(res, 'requests') ?? {};
  for (const [k, req] of Object.entries(requests)) {
    const lim = limits[k];
    if (lim === undefined) continue;
    const rq = parseQuantity(req);
    const lm = parseQuantity(lim);
    if (rq !== undefined && lm !== undefined && rq > lm) out.push(invalid(`${field}.resources.requests`, String(req), `must be less than or equal to ${k} limit of ${String(lim)}`));
  }
}

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

export function validateIngress(o: Obj, out: FieldError[]): void {
  const spec = objAt(o, 'spec') ?? {};
  const rules = listAt(spec, 'rules') ?? [];
  if (rules.length === 0 && !objAt(spec, 'defaultBackend')) out.push(invalid('spec', spec, 'either `defaultBackend` or `rules` must be specified'));
  rules.forEach((r, i) => {
    listAt(objAt(isObj(r) ? r : undefined, 'http'), 'paths')?.forEach((p, j) => {
      const path = isObj(p) ? p : {};
      const f = `spec.rules[${i}].http.paths[${j}]`;
      const pt = strAt(path, 'pathType');
      if (pt === undefined) out.push(required(`${f}.pathType`, 'pathType must be specified'));
      else if (!PATH_TYPES.includes(pt)) out.push(notSupported(`${f}.pathType`, pt, PATH_TYPES));
      const pv = strAt(path, 'path');
      if ((pt === 'Prefix' || pt === 'Exact') && pv !== undefined && !pv.startsWith('/')) out.push(invalid(`${f}.path`, pv, 'must be an absolute path'));
      const backend = objAt(path, 'backend');
      const svc = objAt(backend, 'service');
      if (!svc && !objAt(backend, 'resource')) out.push({ type: 'FieldValueInvalid', field: `${f}.backend`, detail: 'Invalid value: networking.IngressBackend{...}: one backend must be specified' });
      else if (svc) {
        if (!strAt(svc, 'name')) out.push(required(`${f}.backend.service.name`));
        const port = objAt(svc, 'port');
        if (!port || (port.name === undefined && port.number === undefined)) out.push(required(`${f}.backend.service.port`, 'port name or number is required'));
      }
    });
  });
}

const ROLE_KINDS = ['Role', 'ClusterRole'];
const SUBJECT_KINDS = ['Group', 'ServiceAccount', 'User'];

export function validateRules(o: Obj, namespaced: boolean, out: FieldError[]): void {
  listAt(o, 'rules')?.forEach((r, i) => {
    const rule = isObj(r) ? r : {};
    if ((listAt(rule, 'verbs') ?? []).length === 0) out.push(required(`rules[${i}].verbs`, 'verbs must contain at least one value'));
    const resources = listAt(rule, 'resources') ?? [];
    const urls = listAt(rule, 'nonResourceURLs') ?? [];
    if (namespaced && urls.length > 0) out.push(invalid(`rules[${i}].nonResourceURLs`, urls, 'namespaced rules cannot apply to non-resource URLs'));
    if (resources.length > 0 && listAt(rule, 'apiGroups') === undefined) out.push(required(`rules[${i}].apiGroups`, 'resource rules must supply at least one api group'));
    if (resources.length === 0 && urls.length === 0) out.push(required(`rules[${i}].resources`, 'resource rules must supply at least one resource'));
  });
}

export function validateBinding(o: Obj, cluster: boolean, out: FieldError[]): void {
  const ref = objAt(o, 'roleRef');
  if (!ref) out.push(required('roleRef'));
  else {
    const kind = strAt(ref, 'kind');
    const allowed = cluster ? ['ClusterRole'] : ROLE_KINDS;
    if (!kind || !allowed.includes(kind)) out.push(notSupported('roleRef.kind', kind ?? '', allowed));
    if (!strAt(ref, 'name')) out.push(required('roleRef.name'));
    const group = strAt(ref, 'apiGroup');
    if (group !== 'rbac.authorization.k8s.io') out.push(notSupported('roleRef.apiGroup', group ?? '', ['rbac.authorization.k8s.io']));
  }
  listAt(o, 'subjects')?.forEach((s, i) => {
    const sub = isObj(s) ? s : {};
    const kind = strAt(sub, 'kind');
    if (!kind || !SUBJECT_KINDS.includes(kind)) out.push(notSupported(`subjects[${i}].kind`, kind ?? '', SUBJECT_KINDS));
    if (!strAt(sub, 'name')) out.push(required(`subjects[${i}].name`));
    if (kind === 'ServiceAccount' && cluster && !strAt(sub, 'namespace')) out.push(required(`subjects[${i}].namespace`));
  });
}

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

export function validatePvc(o: Obj, out: FieldError[]): void {
  const spec = objAt(o, 'spec') ?? {};
  const modes = listAt(spec, 'accessModes') ?? [];
  if (modes.length === 0) out.push(required('spec.accessModes', 'at least 1 access mode is required'));
  for (const m of modes) if (typeof m === 'string' && !ACCESS_MODES.includes(m)) out.push(notSupported('spec.accessModes', m, ACCESS_MODES));
  const storage = objAt(objAt(spec, 'resources'), 'requests')?.storage;
  if (storage === undefined) out.push(required('spec.resources[storage]'));
  else if ((parseQuantity(storage) ?? 0) <= 0) out.push(invalid('spec.resources[storage]', String(storage), 'must be greater than zero'));
}
