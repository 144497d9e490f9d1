/** kustomize's builtin transformers for the subset: prefix/suffix, namespace, labels, annotations, images. */
import type { JsonObject, KubeObject } from '../../../cluster/types.js';
import { isJsonObject } from '../../../cluster/types.js';
import { objList, str, strMap, type Kustomization, type Resource } from './types.js';

const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController']);
const SELECTOR_WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);
/** Kinds the PrefixSuffixTransformer leaves alone. */
const NO_PREFIX = new Set(['Namespace', 'CustomResourceDefinition', 'APIService']);
/** resid.NotNamespaceableKinds: what the NamespaceTransformer leaves without a namespace. */
const CLUSTER_SCOPED = new Set([
  'APIService', 'CSIDriver', 'CSINode', 'CertificateSigningRequest', 'Cluster', 'ClusterRole', 'ClusterRoleBinding', 'ComponentStatus',
  'CustomResourceDefinition', 'MutatingWebhookConfiguration', 'Namespace', 'Node', 'PersistentVolume', 'PodSecurityPolicy', 'PriorityClass',
  'RuntimeClass', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'StorageClass', 'SubjectAccessReview', 'TokenReview',
  'ValidatingWebhookConfiguration', 'VolumeAttachment',
]);

/** The object at `path`, created on the way when `create`; undefined when absent and not created. */
function objAt(root: JsonObject, path: string[], create: boolean): JsonObject | undefined {
  let cur: JsonObject = root;
  for (const seg of path) {
    const next = cur[seg];
    if (isJsonObject(next)) cur = next;
    else if (create && (next === undefined || next === null)) {
      const made: JsonObject = {};
      cur[seg] = made;
      cur = made;
    } else return undefined;
  }
  return cur;
}

function addAll(root: JsonObject, path: string[], values: Record<string, string>, create: boolean): void {
  const target = objAt(root, path, create);
  if (target) Object.assign(target, values);
}

export function prefixSuffix(resources: Resource[], prefix: string, suffix: string): void {
  if (!prefix && !suffix) return;
  for (const r of resources) {
    if (NO_PREFIX.has(r.obj.kind)) continue;
    r.obj.metadata.name = `${prefix}${r.obj.metadata.name ?? ''}${suffix}`;
  }
}

export function setNamespace(resources: Resource[], ns: string): void {
  for (const r of resources) {
    if (CLUSTER_SCOPED.has(r.obj.kind)) continue;
    r.obj.metadata.namespace = ns;
    // RoleBinding subjects naming a ServiceAccount follow it into the namespace (kustomize's subjects fieldSpec).
    if (r.obj.kind === 'RoleBinding' || r.obj.kind === 'ClusterRoleBinding') {
      for (const s of objList(r.obj.subjects)) if (s.kind === 'ServiceAccount' && (s.namespace === undefined || s.namespace === 'default')) s.namespace = ns;
    }
  }
}

/** commonLabels (selectors included) or a `labels` entry with its includeSelectors / includeTemplates. */
export function addLabels(resources: Resource[], labels: Record<string, string>, selectors: boolean, templates: boolean): void {
  if (Object.keys(labels).length === 0) return;
  for (const r of resources) {
    const o = r.obj as unknown as JsonObject;
    addAll(o, ['metadata', 'labels'], labels, true);
    const kind = r.obj.kind;
    if (selectors) {
      if (SELECTOR_WORKLOADS.has(kind)) addAll(o, ['spec', 'selector', 'matchLabels'], labels, true);
      if (kind === 'Service' || kind === 'ReplicationController') addAll(o, ['spec', 'selector'], labels, true);
      // Fields that exist only when the author wrote them (`create: false` in kustomize's commonLabels fieldSpecs).
      if (kind === 'Job' || kind === 'PodDisruptionBudget') addAll(o, ['spec', 'selector', 'matchLabels'], labels, false);
      if (kind === 'CronJob') addAll(o, ['spec', 'jobTemplate', 'spec', 'selector', 'matchLabels'], labels, false);
      if (kind === 'NetworkPolicy') addAll(o, ['spec', 'podSelector', 'matchLabels'], labels, false);
      if (kind === 'StatefulSet') {
        const spec = objAt(o, ['spec'], false);
        for (const t of objList(spec?.volumeClaimTemplates)) addAll(t, ['metadata', 'labels'], labels, true);
      }
    }
    if (selectors || templates) {
      if (WORKLOADS.has(kind)) addAll(o, ['spec', 'template', 'metadata', 'labels'], labels, true);
      if (kind === 'CronJob') {
        addAll(o, ['spec', 'jobTemplate', 'metadata', 'labels'], labels, true);
        addAll(o, ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'], labels, true);
      }
    }
  }
}

export function addAnnotations(resources: Resource[], annotations: Record<string, string>): void {
  if (Object.keys(annotations).length === 0) return;
  for (const r of resources) {
    const o = r.obj as unknown as JsonObject;
    addAll(o, ['metadata', 'annotations'], annotations, true);
    if (WORKLOADS.has(r.obj.kind)) addAll(o, ['spec', 'template', 'metadata', 'annotations'], annotations, true);
    if (r.obj.kind === 'CronJob') {
      addAll(o, ['spec', 'jobTemplate', 'metadata', 'annotations'], annotations, true);
      addAll(o, ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'annotations'], annotations, true);
    }
  }
}

/** Every `labels:` entry and `commonLabels` of one kustomization. */
export function applyLabels(resources: Resource[], k: Kustomization): void {
  addLabels(resources, strMap(k.commonLabels), true, true);
  for (const entry of objList(k.labels)) {
    const selectors = entry.includeSelectors === true;
    addLabels(resources, strMap(entry.pairs), selectors, selectors || entry.includeTemplates === true);
  }
}

/** `nginx:1.2@sha256:…` → its name part (`nginx`); a registry port (`host:5000/x`) is kept in the name. */
export function imageName(image: string): string {
  const at = image.indexOf('@');
  const noDigest = at < 0 ? image : image.slice(0, at);
  const colon = noDigest.lastIndexOf(':');
  return colon > noDigest.lastIndexOf('/') ? noDigest.slice(0, colon) : noDigest;
}

function imageTag(image: string): string {
  const at = image.indexOf('@');
  if (at >= 0) return image.slice(at);
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/') ? image.slice(colon) : '';
}

/** The ImageTagTransformer: `images: [{name, newName, newTag, digest}]` on containers and initContainers. */
export function setImages(resources: Resource[], images: JsonObject[]): void {
  if (images.length === 0) return;
  const rewrite = (c: JsonObject): void => {
    const image = str(c.image);
    if (!image) return;
    const img = images.find((i) => str(i.name) === imageName(image));
    if (!img) return;
    const name = str(img.newName) ?? imageName(image);
    const digest = str(img.digest);
    const newTag = img.newTag === undefined || img.newTag === null ? undefined : String(img.newTag);
    c.image = digest ? `${name}@${digest}` : newTag !== undefined ? `${name}:${newTag}` : `${name}${imageTag(image)}`;
  };
  for (const r of resources) {
    for (const spec of podSpecs(r.obj)) {
      for (const c of objList(spec.containers)) rewrite(c);
      for (const c of objList(spec.initContainers)) rewrite(c);
    }
  }
}

/** The pod specs inside a workload (or the Pod itself). */
export function podSpecs(obj: KubeObject): JsonObject[] {
  const o = obj as unknown as JsonObject;
  const paths = [['spec'], ['spec', 'template', 'spec'], ['spec', 'jobTemplate', 'spec', 'template', 'spec']];
  const specs = obj.kind === 'Pod' ? [paths[0]!] : paths.slice(1);
  return specs.map((p) => objAt(o, p, false)).filter((s): s is JsonObject => s !== undefined);
}

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

/** The ReplicaCountTransformer: `replicas: [{name, count}]`, by current or original name. */
export function setReplicas(resources: Resource[], replicas: JsonObject[]): void {
  for (const entry of replicas) {
    const name = str(entry.name);
    if (name === undefined || typeof entry.count !== 'number') continue;
    for (const r of resources) {
      if (!SCALABLE.has(r.obj.kind) || (r.obj.metadata.name !== name && r.origName !== name)) continue;
      const spec = objAt(r.obj as unknown as JsonObject, ['spec'], true)!;
      spec.replicas = entry.count;
    }
  }
}
