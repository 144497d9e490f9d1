/** Printers for core/v1 kinds: services, config maps, secrets, namespaces, nodes, events, service accounts. */
import { since } from './duration.js';
import { AGE, field, listOrNone, pairs, printer, spec, status } from './fields.js';
import { arr, col, rec, str } from './types.js';

type Obj = Record<string, unknown>;

function servicePorts(o: Obj): string {
  const ports = arr(spec(o).ports).map((p) => {
    const proto = str(p.protocol) || 'TCP';
    return p.nodePort ? `${String(p.port)}:${String(p.nodePort)}/${proto}` : `${String(p.port)}/${proto}`;
  });
  return listOrNone(ports);
}

function externalIp(o: Obj): string {
  const sp = spec(o);
  const type = str(sp.type) || 'ClusterIP';
  const external = Array.isArray(sp.externalIPs) ? (sp.externalIPs as unknown[]).map(String) : [];
  if (type === 'ExternalName') return str(sp.externalName);
  if (type === 'LoadBalancer') {
    const ingress = arr(rec(status(o).loadBalancer).ingress).map((i) => str(i.ip) || str(i.hostname)).filter(Boolean);
    const all = [...ingress, ...external];
    return all.length > 0 ? all.join(',') : '<pending>';
  }
  return listOrNone(external);
}

export const servicePrinter = printer([
  field(col('Type', 'string', 'type determines how the Service is exposed.'), (o) => str(spec(o).type) || 'ClusterIP'),
  field(col('Cluster-IP', 'string', 'clusterIP is the IP address of the service and is usually assigned randomly.'), (o) => str(spec(o).clusterIP) || '<none>'),
  field(col('External-IP', 'string', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'), externalIp),
  field(col('Port(s)', 'string', 'The list of ports that are exposed by this service.'), servicePorts),
  AGE,
  field(col('Selector', 'string', 'Route service traffic to pods with label keys and values matching this selector.', 1), (o) => listOrNone(pairs(spec(o).selector))),
]);

const keyCount = (...maps: unknown[]): number => maps.reduce((n: number, m) => n + Object.keys(rec(m)).length, 0);

export const configMapPrinter = printer([field(col('Data', 'integer', 'Data contains the configuration data.'), (o) => keyCount(o.data, o.binaryData)), AGE]);

export const secretPrinter = printer([
  field(col('Type', 'string', 'Used to facilitate programmatic handling of secret data.'), (o) => str(o.type) || 'Opaque'),
  field(col('Data', 'integer', 'Contains the secret data.'), (o) => keyCount(o.data, o.stringData)),
  AGE,
]);

export const serviceAccountPrinter = printer([
  field(col('Secrets', 'string', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.'), (o) => arr(o.secrets).length),
  AGE,
]);

export const namespacePrinter = printer([field(col('Status', 'string', 'The status of the namespace'), (o) => str(status(o).phase) || 'Active'), AGE]);

function endpoints(o: Obj): string {
  const eps: string[] = [];
  for (const s of arr(o.subsets)) {
    const ports = arr(s.ports).map((p) => String(p.port));
    for (const a of arr(s.addresses)) {
      if (ports.length === 0) eps.push(str(a.ip));
      else for (const p of ports) eps.push(`${str(a.ip)}:${p}`);
    }
  }
  const shown = eps.length > 3 ? `${eps.slice(0, 3).join(',')} + ${eps.length - 3} more...` : eps.join(',');
  return shown || '<none>';
}

export const endpointsPrinter = printer([field(col('Endpoints', 'string', 'Endpoints of the service'), endpoints), AGE]);

function nodeStatus(o: Obj): string {
  const ready = arr(status(o).conditions).find((c) => c.type === 'Ready');
  const text = ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown';
  return spec(o).unschedulable === true ? `${text},SchedulingDisabled` : text;
}

function nodeRoles(o: Obj): string {
  const prefix = 'node-role.kubernetes.io/';
  const roles = Object.keys(rec(rec(o.metadata).labels))
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length))
    .filter(Boolean)
    .sort();
  return listOrNone(roles);
}

const nodeAddress = (type: string) => (o: Obj): string => str(arr(status(o).addresses).find((a) => a.type === type)?.address) || '<none>';
const nodeInfo = (key: string) => (o: Obj): string => str(rec(status(o).nodeInfo)[key]) || '<unknown>';

export const nodePrinter = printer([
  field(col('Status', 'string', 'The status of the node'), nodeStatus),
  field(col('Roles', 'string', 'The roles of the node'), nodeRoles),
  AGE,
  field(col('Version', 'string', 'Kubelet Version reported by the node.'), (o) => str(rec(status(o).nodeInfo).kubeletVersion)),
  field(col('Internal-IP', 'string', 'List of addresses reachable to the node. Queried from cloud provider, if available.', 1), nodeAddress('InternalIP')),
  field(col('External-IP', 'string', 'List of addresses reachable to the node. Queried from cloud provider, if available.', 1), nodeAddress('ExternalIP')),
  field(col('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1), nodeInfo('osImage')),
  field(col('Kernel-Version', 'string', 'Kernel Version reported by the node.', 1), nodeInfo('kernelVersion')),
  field(col('Container-Runtime', 'string', 'Container runtime version reported by the node.', 1), nodeInfo('containerRuntimeVersion')),
]);

function lastSeen(o: Obj, now: number): string {
  const last = str(o.lastTimestamp) || str(o.eventTime) || str(rec(o.metadata).creationTimestamp);
  const count = typeof o.count === 'number' ? o.count : 1;
  const first = str(o.firstTimestamp);
  return count > 1 && first ? `${since(last, now)} (x${count} over ${since(first, now)})` : since(last, now);
}

export const eventPrinter = printer(
  [
    field(col('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'), lastSeen),
    field(col('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future.'), (o) => str(o.type)),
    field(col('Reason', 'string', 'This should be a short, machine understandable string that gives the reason for the transition into the object\'s current status.'), (o) => str(o.reason)),
    field(col('Object', 'string', 'The object that this event is about.'), (o) => {
      const io = rec(o.involvedObject);
      return `${str(io.kind).toLowerCase()}/${str(io.name)}`;
    }),
    field(col('Message', 'string', 'A human-readable description of the status of this operation.'), (o) => str(o.message).trim()),
    field(col('Name', 'string', 'Name must be unique within a namespace.', 1), (o) => str(rec(o.metadata).name)),
  ],
  // The API server's event table leads with Last Seen, not Name (Name is a wide column).
  { omitName: true },
);
