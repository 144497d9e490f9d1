/**
 * Normalisation before comparing, as gitops-engine `diff.Normalize` + Argo CD's ignoreDifferences
 * normalizer (util/argo/normalizers/diff_normalizer.go) do it: both sides lose what the server owns
 * (status, uid, resourceVersion, …) and every matching ignore rule removes its paths from both sides.
 */
import { groupOf, isObj } from '../../cluster/types.js';
import type { KubeObject } from '../../cluster/types.js';
import { base64Utf8 } from '../../cluster/defaults/index.js';
import { jqDelete } from './jq.js';

/** One `spec.ignoreDifferences[]` entry (or a `resource.customizations.ignoreDifferences` rule). */
export interface ResourceIgnoreDifferences {
  group?: string;
  kind: string;
  name?: string;
  namespace?: string;
  jsonPointers?: string[];
  jqPathExpressions?: string[];
  managedFieldsManagers?: string[];
}

/** Extra normalisation hook (e.g. a health/known-types normaliser); mutates in place. */
export type Normalizer = (obj: KubeObject) => void;

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
const SERVER_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const;

/** Remove status and server-populated metadata (in place). */
export function stripServerFields(obj: KubeObject): void {
  delete obj.status;
  const meta = obj.metadata as Record<string, unknown>;
  for (const k of SERVER_METADATA) delete meta[k];
  dropEmptyMetadataMaps(obj);
}

/**
 * What gitops-engine's remarshal (a round trip through the typed struct) drops from a manifest: `null`
 * values and empty labels/annotations maps, which the API server would never store either.
 */
export function dropNulls(value: unknown): void {
  if (Array.isArray(value)) for (const v of value) dropNulls(v);
  else if (isObj(value)) {
    for (const k of Object.keys(value)) {
      if (value[k] === null) delete value[k];
      else dropNulls(value[k]);
    }
  }
}

export function dropEmptyMetadataMaps(obj: KubeObject): void {
  for (const k of ['labels', 'annotations'] as const) {
    const m = obj.metadata[k];
    if (m && Object.keys(m).length === 0) delete obj.metadata[k];
  }
}

/** Kubernetes stores Secret `stringData` as base64 `data`; compare the stored form (Argo NormalizeSecret). */
export function normalizeSecret(obj: KubeObject): void {
  if (groupOf(obj.apiVersion) !== '' || obj.kind !== 'Secret' || !isObj(obj.stringData)) return;
  const data: Record<string, string> = isObj(obj.data) ? Object.fromEntries(Object.entries(obj.data).map(([k, v]) => [k, String(v)])) : {};
  for (const [k, v] of Object.entries(obj.stringData)) data[k] = base64Utf8(String(v));
  obj.data = data;
  delete obj.stringData;
}

/** Argo matches group and kind with glob patterns (`*`, `?`), name and namespace exactly. */
function glob(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(value);
}

function matches(rule: ResourceIgnoreDifferences, obj: KubeObject): boolean {
  return (
    glob(rule.group ?? '', groupOf(obj.apiVersion)) &&
    glob(rule.kind, obj.kind) &&
    (!rule.name || rule.name === obj.metadata.name) &&
    (!rule.namespace || rule.namespace === (obj.metadata.namespace ?? ''))
  );
}

/** RFC 6901 pointer removal; a missing path is not an error (Argo ignores "path not found"). */
export function removePointer(obj: unknown, pointer: string): void {
  if (!pointer.startsWith('/')) return;
  const segs = pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let cur: unknown = obj;
  for (let i = 0; i < segs.length - 1; i++) {
    const s = segs[i] ?? '';
    cur = Array.isArray(cur) ? cur[Number(s)] : isObj(cur) ? cur[s] : undefined;
  }
  const last = segs[segs.length - 1] ?? '';
  if (Array.isArray(cur) && /^\d+$/.test(last) && Number(last) < cur.length) cur.splice(Number(last), 1);
  else if (isObj(cur)) delete cur[last];
}

/** fieldsV1 (`f:spec` / `k:{"name":"web"}` / `v:"x"` / `.`) → paths of concrete keys, for removal. */
type FieldStep = { key: string } | { match: Record<string, unknown> } | { value: unknown };
function fieldLeaves(set: unknown, prefix: FieldStep[], out: FieldStep[][]): void {
  if (!isObj(set)) return;
  const children = Object.keys(set).filter((k) => k !== '.');
  if (children.length === 0 && prefix.length > 0) out.push(prefix);
  for (const k of children) {
    let step: FieldStep | undefined;
    if (k.startsWith('f:')) step = { key: k.slice(2) };
    else if (k.startsWith('k:')) {
      const m = JSON.parse(k.slice(2)) as unknown;
      if (isObj(m)) step = { match: m };
    } else if (k.startsWith('v:')) step = { value: JSON.parse(k.slice(2)) as unknown };
    if (step) fieldLeaves(set[k], [...prefix, step], out);
  }
}

function removeField(obj: unknown, path: FieldStep[]): void {
  let cur: unknown = obj;
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    const last = i === path.length - 1;
    if (!step) return;
    if ('key' in step) {
      if (!isObj(cur)) return;
      if (last) delete cur[step.key];
      else cur = cur[step.key];
    } else if (Array.isArray(cur)) {
      const idx = cur.findIndex((item) =>
        'match' in step ? isObj(item) && Object.entries(step.match).every(([k, v]) => JSON.stringify(item[k]) === JSON.stringify(v)) : JSON.stringify(item) === JSON.stringify(step.value),
      );
      if (idx < 0) return;
      if (last) cur.splice(idx, 1);
      else cur = cur[idx];
    } else return;
  }
}

/** Fields owned by the trusted managers in live's managedFields are removed from both sides. */
function managedFieldPaths(live: KubeObject | undefined, managers: string[]): FieldStep[][] {
  const out: FieldStep[][] = [];
  for (const entry of live?.metadata.managedFields ?? []) if (managers.includes(entry.manager)) fieldLeaves(entry.fieldsV1, [], out);
  return out;
}

export interface IgnoreOutcome {
  /** Expressions the sandbox cannot evaluate, with why (shown to the learner; Argo would run real jq). */
  unsupported: string[];
}

/**
 * Apply every matching rule to each given object (target, live, last-applied: in place). The managed
 * fields come from live before it is stripped, so call this before stripServerFields.
 */
export function applyIgnoreDifferences(rules: ResourceIgnoreDifferences[], live: KubeObject | undefined, objs: (KubeObject | undefined)[]): IgnoreOutcome {
  const unsupported: string[] = [];
  const ref = live ?? objs.find((o): o is KubeObject => o !== undefined);
  if (!ref) return { unsupported };
  for (const rule of rules) {
    if (!matches(rule, ref)) continue;
    const fieldPaths = rule.managedFieldsManagers?.length ? managedFieldPaths(live, rule.managedFieldsManagers) : [];
    for (const obj of objs) {
      if (!obj) continue;
      for (const p of rule.jsonPointers ?? []) removePointer(obj, p);
      for (const e of rule.jqPathExpressions ?? []) {
        try {
          jqDelete(obj, e);
        } catch (err) {
          const msg = err instanceof Error ? err.message : String(err);
          if (!unsupported.includes(msg)) unsupported.push(msg);
        }
      }
      for (const p of fieldPaths) removeField(obj, p);
    }
  }
  return { unsupported };
}

/** Parse the last-applied annotation; a broken one is treated as absent (two-way diff). */
export function lastApplied(live: KubeObject | undefined): KubeObject | undefined {
  const raw = live?.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (isObj(parsed) && isObj(parsed.metadata) && typeof parsed.apiVersion === 'string' && typeof parsed.kind === 'string') return parsed as unknown as KubeObject;
  } catch {
    /* fall through */
  }
  return undefined;
}

/** Drop the last-applied annotation (it is bookkeeping, not desired state) from a normalised copy. */
export function dropLastApplied(obj: KubeObject): void {
  const ann = obj.metadata.annotations;
  if (!ann || !(LAST_APPLIED_ANNOTATION in ann)) return;
  delete ann[LAST_APPLIED_ANNOTATION];
  if (Object.keys(ann).length === 0) delete obj.metadata.annotations;
}
