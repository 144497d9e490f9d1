/**
 * An Application's `source.kustomize` settings, applied the way Argo CD applies them: by editing the
 * kustomization before the build (`kustomize edit set nameprefix|namesuffix|namespace|image`, `edit add label|annotation`).
 */
import type { JsonObject } from '../../cluster/types.js';
import { imageName } from './kustomize/transforms.js';
import { objList, strMap, str, type Kustomization } from './kustomize/types.js';

/** An Argo CD KustomizeImage: `nginx:1.2`, `nginx=registry/nginx:1.2`, `nginx@sha256:…`, or the kustomization form. */
export type KustomizeImage = string | { name: string; newName?: string; newTag?: string; digest?: string };

export interface KustomizeOverrides {
  namePrefix?: string;
  nameSuffix?: string;
  images?: KustomizeImage[];
  commonLabels?: Record<string, string>;
  commonAnnotations?: Record<string, string>;
  namespace?: string;
}

/** `kustomize edit set image` argument → an `images:` entry. */
export function parseImageOverride(spec: KustomizeImage): JsonObject {
  if (typeof spec !== 'string') {
    const out: JsonObject = { name: spec.name };
    if (spec.newName !== undefined) out.newName = spec.newName;
    if (spec.newTag !== undefined) out.newTag = spec.newTag;
    if (spec.digest !== undefined) out.digest = spec.digest;
    return out;
  }
  const eq = spec.indexOf('=');
  const [from, to] = eq < 0 ? [undefined, spec] : [spec.slice(0, eq), spec.slice(eq + 1)];
  const name = imageName(to);
  const rest = to.slice(name.length);
  const out: JsonObject = { name: from ?? name };
  if (from !== undefined && name !== from) out.newName = name;
  if (rest.startsWith('@')) out.digest = rest.slice(1);
  else if (rest.startsWith(':')) out.newTag = rest.slice(1);
  return out;
}

/** The top-level kustomization with the Application's settings edited in. */
export function applyOverrides(k: Kustomization, o: KustomizeOverrides | undefined): Kustomization {
  if (!o) return k;
  const out: Kustomization = { ...k };
  if (o.namePrefix) out.namePrefix = o.namePrefix;
  if (o.nameSuffix) out.nameSuffix = o.nameSuffix;
  if (o.namespace) out.namespace = o.namespace;
  if (o.commonLabels && Object.keys(o.commonLabels).length) out.commonLabels = { ...strMap(k.commonLabels), ...o.commonLabels };
  if (o.commonAnnotations && Object.keys(o.commonAnnotations).length) out.commonAnnotations = { ...strMap(k.commonAnnotations), ...o.commonAnnotations };
  if (o.images && o.images.length) {
    const images = objList(k.images).slice();
    for (const spec of o.images) {
      const entry = parseImageOverride(spec);
      const at = images.findIndex((i) => str(i.name) === entry.name);
      if (at >= 0) images[at] = entry;
      else images.push(entry);
    }
    out.images = images;
  }
  return out;
}
