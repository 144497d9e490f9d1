/**
 * Service defaults and cluster IP allocation. IPs come from the service CIDR 10.96.0.0/12, the first
 * free address from 10.96.0.2 upward (10.96.0.1 is the `kubernetes` service): deterministic, and
 * derived from the store alone, so snapshots and replays allocate the same addresses.
 */
import { isObj } from '../types.js';
import type { ObjectStore } from '../store/index.js';
import { ensureObj, objList, setDefault } from './util.js';
import type { Obj } from './util.js';

const BASE = (10 << 24) | (96 << 16);
const SIZE = 1 << 20;

const ipOf = (n: number): string => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

function usedIps(store: ObjectStore): Set<string> {
  const used = new Set<string>();
  for (const s of store.list({ apiVersion: 'v1', kind: 'Service' })) {
    const ip = (s.spec as Obj | undefined)?.clusterIP;
    if (typeof ip === 'string') used.add(ip);
  }
  return used;
}

export function allocateClusterIP(store: ObjectStore): string {
  const used = usedIps(store);
  for (let i = 2; i < SIZE - 1; i++) {
    const ip = ipOf(BASE + i);
    if (!used.has(ip)) return ip;
  }
  throw new Error('range is full');
}

function allocateNodePort(store: ObjectStore, taken: Set<number>): number {
  for (const s of store.list({ apiVersion: 'v1', kind: 'Service' })) for (const p of objList(s.spec as Obj, 'ports')) if (typeof p.nodePort === 'number') taken.add(p.nodePort);
  for (let p = 30000; p <= 32767; p++) if (!taken.has(p)) return p;
  throw new Error('range is full');
}

export function defaultService(o: Obj, old: Obj | undefined, store: ObjectStore): void {
  const spec = ensureObj(o, 'spec');
  const oldSpec = isObj(old?.spec) ? (old.spec as Obj) : undefined;
  setDefault(spec, 'type', 'ClusterIP');
  setDefault(spec, 'sessionAffinity', 'None');
  if (spec.type === 'ExternalName') return;
  setDefault(spec, 'internalTrafficPolicy', 'Cluster');
  if (oldSpec?.clusterIP !== undefined) {
    setDefault(spec, 'clusterIP', oldSpec.clusterIP);
    setDefault(spec, 'clusterIPs', oldSpec.clusterIPs);
  }
  if (spec.clusterIP === undefined || spec.clusterIP === '') spec.clusterIP = allocateClusterIP(store);
  setDefault(spec, 'clusterIPs', [spec.clusterIP]);
  if (spec.clusterIP !== 'None') {
    setDefault(spec, 'ipFamilies', ['IPv4']);
    setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
  }
  const needsNodePort = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
  if (needsNodePort) setDefault(spec, 'externalTrafficPolicy', 'Cluster');
  const oldPorts = objList(oldSpec, 'ports');
  const taken = new Set<number>();
  for (const p of objList(spec, 'ports')) {
    setDefault(p, 'protocol', 'TCP');
    setDefault(p, 'targetPort', p.port);
    if (needsNodePort && p.nodePort === undefined) {
      const prev = oldPorts.find((q) => q.port === p.port && q.protocol === p.protocol)?.nodePort;
      p.nodePort = typeof prev === 'number' ? prev : allocateNodePort(store, taken);
      taken.add(p.nodePort as number);
    }
  }
}
