/** Printers for core/v1 kinds: services, config maps, secrets, namespaces, nodes, events, service accounts. */
import { since } from './duration.js';
import { arr, col, rec, str } from './types.js';
import type { Printer, TableCell } from './types.js';

const AGE = col('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.');

function age(o: Record<string, unknown>, now: number): string {
  return since(rec(o.metadata).creationTimestamp, now);
}

function servicePorts(spec: Record<string, unknown>): string {
  const ports = arr(spec.ports).map((p) => {
    const proto = str(p.protocol) || 'TCP';
    return p.nodePort ? `${String(p.port)}:${String(p.nodePort)}/${proto}` : `${String(p.port)}/${proto}`;
  });
  return ports.length > 0 ? ports.join(',') : '<none>';
}

function externalIp(spec: Record<string, unknown>, status: Record<string, unknown>): string {
  const type = str(spec.type) || 'ClusterIP';
  const external = Array.isArray(spec.externalIPs) ? (spec.externalIPs as unknown[]).map(String) : [];
  if (type === 'ExternalName') return str(spec.externalName);
  if (type === 'LoadBalancer') {
    const ingress = arr(rec(status.loadBalancer).ingress).map((i) => str(i.ip) || str(i.hostname)).filter(Boolean);
    const all = [...ingress, ...external];
    return all.length > 0 ? all.join(',') : '<pending>';
  }
  return external.length > 0 ? external.join(',') : '<none>';
}

export const servicePrinter: Printer = {
  columns: [
    col('Type', 'string', 'type determines how the Service is exposed.'),
    col('Cluster-IP', 'string', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
    col('External-IP', 'string', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
    col('Port(s)', 'string', 'The list of ports that are exposed by this service.'),
    AGE,
    col('Selector', 'string', 'Route service traffic to pods with label keys and values matching this selector.', 1),
  ],
  cells(o, now): TableCell[] {
    const spec = rec(o.spec);
    const sel = Object.entries(rec(spec.selector)).map(([k, v]) => `${k}=${String(v)}`);
    return [str(spec.type) || 'ClusterIP', str(spec.clusterIP) || '<none>', externalIp(spec, rec(o.status)), servicePorts(spec), age(o, now), sel.length > 0 ? sel.join(',') : '<none>'];
  },
};

export const configMapPrinter: Printer = {
  columns: [col('Data', 'integer', 'Data contains the configuration data.'), AGE],
  cells: (o, now) => [Object.keys(rec(o.data)).length + Object.keys(rec(o.binaryData)).length, age(o, now)],
};

export const secretPrinter: Printer = {
  columns: [col('Type', 'string', 'Used to facilitate programmatic handling of secret data.'), col('Data', 'integer', 'Contains the secret data.'), AGE],
  cells: (o, now) => [str(o.type) || 'Opaque', Object.keys(rec(o.data)).length + Object.keys(rec(o.stringData)).length, age(o, now)],
};

export const serviceAccountPrinter: Printer = {
  columns: [col('Secrets', 'string', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.'), AGE],
  cells: (o, now) => [arr(o.secrets).length, age(o, now)],
};

export const namespacePrinter: Printer = {
  columns: [col('Status', 'string', 'The status of the namespace'), AGE],
  cells: (o, now) => [str(rec(o.status).phase) || 'Active', age(o, now)],
};

export const endpointsPrinter: Printer = {
  columns: [col('Endpoints', 'string', 'Endpoints of the service'), AGE],
  cells(o, now): TableCell[] {
    const eps: string[] = [];
    for (const s of arr(o.subsets)) {
      const ports = arr(s.ports).map((p) => String(p.port));
      for (const a of arr(s.addresses)) {
        if (ports.length === 0) eps.push(str(a.ip));
        else for (const p of ports) eps.push(`${str(a.ip)}:${p}`);
      }
    }
    const shown = eps.length > 3 ? `${eps.slice(0, 3).join(',')} + ${eps.length - 3} more...` : eps.join(',');
    return [shown || '<none>', age(o, now)];
  },
};

export const nodePrinter: Printer = {
  columns: [
    col('Status', 'string', 'The status of the node'),
    col('Roles', 'string', 'The roles of the node'),
    AGE,
    col('Version', 'string', 'Kubelet Version reported by the node.'),
    col('Internal-IP', 'string', 'List of addresses reachable to the node. Queried from cloud provider, if available.', 1),
    col('External-IP', 'string', 'List of addresses reachable to the node. Queried from cloud provider, if available.', 1),
    col('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1),
    col('Kernel-Version', 'string', 'Kernel Version reported by the node.', 1),
    col('Container-Runtime', 'string', 'Container runtime version reported by the node.', 1),
  ],
  cells(o, now): TableCell[] {
    const st = rec(o.status);
    const ready = arr(st.conditions).find((c) => c.type === 'Ready');
    let status = ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown';
    if (rec(o.spec).unschedulable === true) status += ',SchedulingDisabled';
    const roles = Object.keys(rec(rec(o.metadata).labels))
      .filter((k) => k.startsWith('node-role.kubernetes.io/'))
      .map((k) => k.slice('node-role.kubernetes.io/'.length))
      .filter(Boolean)
      .sort();
    const info = rec(st.nodeInfo);
    const addr = (type: string): string => str(arr(st.addresses).find((a) => a.type === type)?.address) || '<none>';
    return [
      status,
      roles.length > 0 ? roles.join(',') : '<none>',
      age(o, now),
      str(info.kubeletVersion),
      addr('InternalIP'),
      addr('ExternalIP'),
      str(info.osImage) || '<unknown>',
      str(info.kernelVersion) || '<unknown>',
      str(info.containerRuntimeVersion) || '<unknown>',
    ];
  },
};

export const eventPrinter: Printer = {
  columns: [
    col('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
    col('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future.'),
    col('Reason', 'string', 'This should be a short, machine understandable string that gives the reason for the transition into the object\'s current status.'),
    col('Object', 'string', 'The object that this event is about.'),
    col('Message', 'string', 'A human-readable description of the status of this operation.'),
    col('Name', 'string', 'Name must be unique within a namespace.', 1),
  ],
  // The API server's event table leads with Last Seen, not Name (Name is a wide column).
  omitName: true,
  cells(o, now): TableCell[] {
    const io = rec(o.involvedObject);
    const last = str(o.lastTimestamp) || str(o.eventTime) || str(rec(o.metadata).creationTimestamp);
    const count = typeof o.count === 'number' ? o.count : 1;
    const first = str(o.firstTimestamp);
    const seen = count > 1 && first ? `${since(last, now)} (x${count} over ${since(first, now)})` : since(last, now);
    return [seen, str(o.type), str(o.reason), `${str(io.kind).toLowerCase()}/${str(io.name)}`, str(o.message).trim(), str(rec(o.metadata).name)];
  },
};
