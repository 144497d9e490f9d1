/**
 * Name references (kustomize's nameReference, the subset the sandbox keeps): after ConfigMaps and
 * Secrets get prefixes, suffixes or hash suffixes, pod specs that named them by their original name follow.
 */
import type { JsonObject } from '../../../cluster/types.js';
import { isJsonObject } from '../../../cluster/types.js';
import { podSpecs } from './transforms.js';
import { objList, type Resource } from './types.js';

type Kind = 'ConfigMap' | 'Secret';

export function fixReferences(resources: Resource[]): void {
  const renamed = (kind: Kind, ns: string | undefined, name: unknown): string | undefined => {
    if (typeof name !== 'string') return undefined;
    const candidates = resources.filter((r) => r.obj.kind === kind && r.origName === name);
    const hit = candidates.find((r) => r.obj.metadata.namespace === ns) ?? candidates[0];
    return hit?.obj.metadata.name;
  };
  const fix = (holder: unknown, field: string, kind: Kind, ns: string | undefined): void => {
    if (!isJsonObject(holder)) return;
    const next = renamed(kind, ns, holder[field]);
    if (next !== undefined) holder[field] = next;
  };
  for (const r of resources) {
    const ns = r.obj.metadata.namespace;
    for (const spec of podSpecs(r.obj)) {
      for (const v of objList(spec.volumes)) {
        fix(v.configMap, 'name', 'ConfigMap', ns);
        fix(v.secret, 'secretName', 'Secret', ns);
        const projected = isJsonObject(v.projected) ? objList(v.projected.sources) : [];
        for (const s of projected) {
          fix(s.configMap, 'name', 'ConfigMap', ns);
          fix(s.secret, 'name', 'Secret', ns);
        }
      }
      for (const c of [...objList(spec.containers), ...objList(spec.initContainers)]) {
        for (const e of objList(c.envFrom)) {
          fix(e.configMapRef, 'name', 'ConfigMap', ns);
          fix(e.secretRef, 'name', 'Secret', ns);
        }
        for (const e of objList(c.env)) {
          const from: JsonObject | undefined = isJsonObject(e.valueFrom) ? e.valueFrom : undefined;
          fix(from?.configMapKeyRef, 'name', 'ConfigMap', ns);
          fix(from?.secretKeyRef, 'name', 'Secret', ns);
        }
      }
      for (const s of objList(spec.imagePullSecrets)) fix(s, 'name', 'Secret', ns);
    }
  }
}
