/** Update rules: fields the API server refuses to change once set. */
import type { KindInfo } from '../kinds.js';
import type { KubeObject } from '../types.js';
import { listAt, objAt, strAt } from './access.js';
import type { Obj } from './access.js';
import { forbidden, goValue } from './fieldErrors.js';
import type { FieldError } from './fieldErrors.js';

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!deepEqual((a as Obj)[k], (b as Obj)[k])) return false;
  }
  return true;
}

function goSelector(sel: Obj | undefined): string {
  const ml = objAt(sel, 'matchLabels');
  const me = listAt(sel, 'matchExpressions');
  return `v1.LabelSelector{MatchLabels:${ml ? goValue(ml) : 'map[string]string(nil)'}, MatchExpressions:${me ? JSON.stringify(me) : '[]v1.LabelSelectorRequirement(nil)'}}`;
}

const immutable = (field: string, value: string): FieldError => ({ type: 'FieldValueInvalid', field, detail: `Invalid value: ${value}: field is immutable` });

const POD_UPDATE_MSG =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

const POD_MUTABLE = new Set(['activeDeadlineSeconds', 'tolerations', 'terminationGracePeriodSeconds']);

function containersEqualButImage(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) return deepEqual(a, b);
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Obj;
    const y = b[i] as Obj;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) {
      if (!deepEqual(x, y)) return false;
      continue;
    }
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) if (k !== 'image' && !deepEqual(x[k], y[k])) return false;
  }
  return true;
}

/** Whether a pod spec changed only where an update may change it (images, deadlines, tolerations, binding). */
function podSpecUpdatable(spec: Obj | undefined, old: Obj | undefined): boolean {
  if (spec === old) return true;
  const a = spec ?? {};
  const b = old ?? {};
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (POD_MUTABLE.has(k)) continue;
    // Binding sets nodeName once (the scheduler's pods/binding subresource).
    if (k === 'nodeName' && !strAt(b, 'nodeName')) continue;
    if (k === 'containers' || k === 'initContainers') {
      if (!containersEqualButImage(a[k], b[k])) return false;
    } else if (!deepEqual(a[k], b[k])) return false;
  }
  return true;
}

export function validateUpdate(obj: KubeObject, old: KubeObject, info: KindInfo): FieldError[] {
  const out: FieldError[] = [];
  const id = `${info.group}/${info.kind}`;
  const spec = objAt(obj as unknown as Obj, 'spec');
  const oldSpec = objAt(old as unknown as Obj, 'spec');
  switch (id) {
    case 'apps/Deployment':
    case 'apps/ReplicaSet':
    case 'apps/DaemonSet':
    case 'apps/StatefulSet':
      if (!deepEqual(objAt(spec, 'selector'), objAt(oldSpec, 'selector'))) out.push(immutable('spec.selector', goSelector(objAt(spec, 'selector'))));
      if (id === 'apps/StatefulSet') {
        const allowed = new Set(['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds', 'selector']);
        const changed = new Set([...Object.keys(spec ?? {}), ...Object.keys(oldSpec ?? {})]);
        for (const k of changed) {
          if (!allowed.has(k) && !deepEqual(spec?.[k], oldSpec?.[k])) {
            out.push(
              forbidden(
                'spec',
                "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
              ),
            );
            break;
          }
        }
      }
      break;
    case 'batch/Job':
      if (!deepEqual(objAt(spec, 'template'), objAt(oldSpec, 'template'))) out.push(immutable('spec.template', 'core.PodTemplateSpec{...}'));
      if (!deepEqual(objAt(spec, 'selector'), objAt(oldSpec, 'selector'))) out.push(immutable('spec.selector', goSelector(objAt(spec, 'selector'))));
      if (spec?.completions !== oldSpec?.completions && oldSpec?.completions !== undefined) out.push(immutable('spec.completions', String(spec?.completions)));
      if (spec?.completionMode !== oldSpec?.completionMode) out.push(immutable('spec.completionMode', goValue(spec?.completionMode)));
      break;
    case '/Pod':
      if (!podSpecUpdatable(spec, oldSpec)) out.push(forbidden('spec', POD_UPDATE_MSG));
      break;
    case '/Service': {
      const was = strAt(oldSpec, 'clusterIP');
      const now = strAt(spec, 'clusterIP');
      if (was && now !== undefined && now !== was) out.push({ type: 'FieldValueInvalid', field: 'spec.clusterIPs[0]', detail: `Invalid value: []string{${JSON.stringify(now)}}: may not change once set` });
      break;
    }
    case '/ConfigMap':
    case '/Secret':
      if ((old as unknown as Obj).immutable === true) {
        for (const f of ['data', 'binaryData', 'stringData']) {
          if (!deepEqual((obj as unknown as Obj)[f], (old as unknown as Obj)[f])) out.push(forbidden(f, 'field is immutable when `immutable` is set'));
        }
        if ((obj as unknown as Obj).immutable !== true) out.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
      }
      break;
    case 'rbac.authorization.k8s.io/RoleBinding':
    case 'rbac.authorization.k8s.io/ClusterRoleBinding': {
      const ref = objAt(obj as unknown as Obj, 'roleRef');
      if (!deepEqual(ref, objAt(old as unknown as Obj, 'roleRef'))) {
        const r = ref ?? {};
        out.push({ type: 'FieldValueInvalid', field: 'roleRef', detail: `Invalid value: rbac.RoleRef{APIGroup:${goValue(r.apiGroup ?? '')}, Kind:${goValue(r.kind ?? '')}, Name:${goValue(r.name ?? '')}}: cannot change roleRef` });
      }
      break;
    }
    case 'apiextensions.k8s.io/CustomResourceDefinition':
      if (strAt(spec, 'scope') !== strAt(oldSpec, 'scope')) out.push(immutable('spec.scope', goValue(strAt(spec, 'scope'))));
      if (strAt(spec, 'group') !== strAt(oldSpec, 'group')) out.push(immutable('spec.group', goValue(strAt(spec, 'group'))));
      break;
  }
  return out;
}
