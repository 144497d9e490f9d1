/** A Service's pods → `Endpoints.subsets`, like the endpoints controller's RepackSubsets. */
import type { StoredObject } from '../../types.js';
import { isPodReady } from '../shared/pods.js';

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

export interface ServiceSpec {
  selector?: Record<string, string>;
  ports?: ServicePort[];
  clusterIP?: string;
  publishNotReadyAddresses?: boolean;
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

interface PodSpecView {
  nodeName?: string;
  hostname?: string;
  subdomain?: string;
  containers?: { ports?: { name?: string; containerPort: number; protocol?: string }[] }[];
}

interface PodStatusView {
  phase?: string;
  podIP?: string;
}

/** podutil.FindPort: a number as is, a name looked up among the pod's container ports (same protocol). */
function findPort(pod: PodSpecView, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const proto = sp.protocol ?? 'TCP';
  for (const c of pod.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === proto) return p.containerPort;
  }
  return undefined;
}

function endpointPort(sp: ServicePort, port: number): EndpointPort {
  const ep: EndpointPort = { port, protocol: sp.protocol ?? 'TCP' };
  if (sp.name) ep.name = sp.name;
  if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
  return ep;
}

const byIp = (a: EndpointAddress, b: EndpointAddress): number => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : a.targetRef.uid < b.targetRef.uid ? -1 : 1);

/** The subsets for `svc` from the pods its selector matched (terminating and non-Running pods are left out). */
export function buildSubsets(svc: StoredObject, pods: readonly StoredObject[]): EndpointSubset[] {
  const spec = (svc.spec ?? {}) as ServiceSpec;
  const svcPorts = spec.ports ?? [];
  const headless = spec.clusterIP === 'None';
  const groups = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  for (const pod of pods) {
    const st = (pod.status ?? {}) as PodStatusView;
    if (pod.metadata.deletionTimestamp || st.phase !== 'Running' || !st.podIP) continue;
    const ps = (pod.spec ?? {}) as PodSpecView;
    const ports: EndpointPort[] = [];
    for (const sp of svcPorts) {
      const n = findPort(ps, sp);
      if (n !== undefined) ports.push(endpointPort(sp, n));
    }
    // A pod with none of the Service's ports serves nothing (a headless Service without ports lists every pod).
    if (ports.length === 0 && !(svcPorts.length === 0 && headless)) continue;
    ports.sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : a.port - b.port));
    const key = JSON.stringify(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, ready: [], notReady: [] }));
    const addr: EndpointAddress = { ip: st.podIP, targetRef: { kind: 'Pod', namespace: pod.metadata.namespace ?? '', name: pod.metadata.name, uid: pod.metadata.uid } };
    if (ps.nodeName) addr.nodeName = ps.nodeName;
    // StatefulSet pods get DNS names under their governing (headless) Service.
    if (ps.hostname && ps.subdomain === svc.metadata.name) addr.hostname = ps.hostname;
    if (spec.publishNotReadyAddresses || isPodReady(pod)) g.ready.push(addr);
    else g.notReady.push(addr);
  }
  const out: EndpointSubset[] = [];
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key)!;
    const s: EndpointSubset = {};
    if (g.ready.length) s.addresses = g.ready.sort(byIp);
    if (g.notReady.length) s.notReadyAddresses = g.notReady.sort(byIp);
    if (g.ports.length) s.ports = g.ports;
    out.push(s);
  }
  return out;
}
