/** Pod defaults (pkg/apis/core/v1/defaults.go, plus the ServiceAccount and DefaultTolerationSeconds admission plugins). */
import { isObj } from '../types.js';
import { ensureObj, objList, setDefault } from './util.js';
import type { Obj } from './util.js';

/** `Always` for `:latest` or untagged images, else `IfNotPresent` (digests pin an image). */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  if (colon < 0) return 'Always';
  return image.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(p: unknown): void {
  if (!isObj(p)) return;
  setDefault(p, 'timeoutSeconds', 1);
  setDefault(p, 'periodSeconds', 10);
  setDefault(p, 'successThreshold', 1);
  setDefault(p, 'failureThreshold', 3);
  const http = p.httpGet;
  if (isObj(http)) {
    setDefault(http, 'path', '/');
    setDefault(http, 'scheme', 'HTTP');
  }
}

function defaultContainer(c: Obj): void {
  if (typeof c.image === 'string') setDefault(c, 'imagePullPolicy', defaultPullPolicy(c.image));
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  setDefault(c, 'resources', {});
  for (const p of objList(c, 'ports')) setDefault(p, 'protocol', 'TCP');
  for (const k of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(c[k]);
  for (const e of objList(c, 'env')) {
    const fieldRef = isObj(e.valueFrom) ? e.valueFrom.fieldRef : undefined;
    if (isObj(fieldRef)) setDefault(fieldRef, 'apiVersion', 'v1');
  }
}

/** Defaults every PodSpec gets, in pods and in templates. */
export function defaultPodSpec(spec: Obj): void {
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'schedulerName', 'default-scheduler');
  for (const c of objList(spec, 'containers')) defaultContainer(c);
  for (const c of objList(spec, 'initContainers')) defaultContainer(c);
  for (const v of objList(spec, 'volumes')) {
    for (const src of ['configMap', 'secret']) if (isObj(v[src])) setDefault(v[src] as Obj, 'defaultMode', 420);
    if (isObj(v.emptyDir) === false && Object.keys(v).length === 1) v.emptyDir = {};
  }
}

/** A pod template inside a workload. */
export function defaultTemplate(owner: Obj | undefined, key = 'template'): void {
  if (!owner || !isObj(owner[key])) return;
  const tpl = owner[key] as Obj;
  defaultPodSpec(ensureObj(tpl, 'spec'));
}

function qosClass(spec: Obj): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...objList(spec, 'containers'), ...objList(spec, 'initContainers')];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const r = isObj(c.resources) ? c.resources : {};
    const limits = isObj(r.limits) ? r.limits : {};
    const requests = isObj(r.requests) ? r.requests : {};
    if (Object.keys(limits).length || Object.keys(requests).length) any = true;
    for (const res of ['cpu', 'memory']) {
      if (limits[res] === undefined || (requests[res] !== undefined && String(requests[res]) !== String(limits[res]))) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** A Pod object on create: spec defaults, service account, default tolerations, Pending status. */
export function defaultPod(pod: Obj, create: boolean): void {
  const spec = ensureObj(pod, 'spec');
  defaultPodSpec(spec);
  if (!create) return;
  setDefault(spec, 'serviceAccountName', typeof spec.serviceAccount === 'string' ? spec.serviceAccount : 'default');
  setDefault(spec, 'serviceAccount', spec.serviceAccountName);
  setDefault(spec, 'enableServiceLinks', true);
  setDefault(spec, 'priority', 0);
  setDefault(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  const tolerations = Array.isArray(spec.tolerations) ? (spec.tolerations as unknown[]) : [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerations.some((t) => isObj(t) && t.key === key)) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  spec.tolerations = tolerations;
  const status = ensureObj(pod, 'status');
  setDefault(status, 'phase', 'Pending');
  setDefault(status, 'qosClass', qosClass(spec));
}
