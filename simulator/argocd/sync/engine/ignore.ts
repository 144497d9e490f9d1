/**
 * RespectIgnoreDifferences=true (argo-cd normalizeTargetResources): fields an ignoreDifferences rule covers
 * keep their live values, so a sync does not overwrite what the learner chose to ignore. JSON pointers are
 * copied from live into the target; jq expressions and managedFieldsManagers are not carried over here.
 */
import { clone, groupOf, isObj } from '../../../cluster/types.js';
import type { KubeObject } from '../../../cluster/types.js';
import type { ResourceIgnoreDifferences } from '../../diff/index.js';
import type { SyncEnv, SyncRequest } from './types.js';
import { getLive } from './prepare.js';

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

function glob(pattern: string | undefined, value: string): boolean {
  if (pattern === undefined || pattern === '' || pattern === '*') return true;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(value);
}

function ruleMatches(rule: ResourceIgnoreDifferences, o: KubeObject): boolean {
  return glob(rule.group, groupOf(o.apiVersion)) && glob(rule.kind, o.kind) &&
    (rule.name === undefined || rule.name === '' || rule.name === o.metadata.name) &&
    (rule.namespace === undefined || rule.namespace === '' || rule.namespace === o.metadata.namespace);
}

/** Copy the value at `pointer` from `from` into `to` (remove it from `to` when `from` has none). */
function copyPointer(from: unknown, to: Record<string, unknown>, pointer: string): void {
  const parts = pointer.split('/').slice(1).map(unescape);
  if (parts.length === 0) return;
  let src: unknown = from;
  for (const p of parts) src = isObj(src) ? src[p] : Array.isArray(src) ? src[Number(p)] : undefined;
  let dst: unknown = to;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i];
    if (!isObj(dst)) return;
    if (!isObj(dst[p]) && !Array.isArray(dst[p])) {
      if (src === undefined) return;
      dst[p] = {};
    }
    dst = dst[p];
  }
  const last = parts[parts.length - 1];
  if (!isObj(dst)) return;
  if (src === undefined) delete dst[last];
  else dst[last] = clone(src);
}

export function respectIgnoreDifferences(req: SyncRequest, env: SyncEnv): KubeObject[] {
  const rules = req.ignoreDifferences ?? [];
  if (rules.length === 0) return req.targets;
  return req.targets.map((t) => {
    const matching = rules.filter((r) => ruleMatches(r, t) && (r.jsonPointers?.length ?? 0) > 0);
    if (matching.length === 0) return t;
    const group = groupOf(t.apiVersion);
    const info = env.store.kinds.findByGroupKind(group, t.kind);
    const ns = info?.namespaced ? (t.metadata.namespace ?? '') : '';
    const live = getLive(env, { group, version: '', kind: t.kind, namespace: ns, name: t.metadata.name ?? '' });
    if (!live) return t;
    const out = clone(t) as unknown as Record<string, unknown>;
    for (const r of matching) for (const p of r.jsonPointers ?? []) copyPointer(live, out, p);
    return out as unknown as KubeObject;
  });
}
