/** `kubectl get | describe | delete | logs` against the sandbox's store, printed like kubectl. */
import { dump } from 'js-yaml';
import { humanDuration, toTable } from '../../../../simulator/api/tables/index.js';
import { printerColumnsFor } from '../../../../simulator/api/tablesFor.js';
import type { KindInfo } from '../../../../simulator/cluster/index.js';
import type { StoredObject } from '../../../../simulator/cluster/types.js';
import type { Sandbox } from '../../../../simulator/sandbox.js';
import type { Command } from './parse.js';
import { table } from './parse.js';

const ns = (c: Command): string => (typeof c.flags.namespace === 'string' ? c.flags.namespace : 'default');
const resourceName = (info: KindInfo): string => (info.group ? `${info.plural}.${info.group}` : info.plural);
const singular = (info: KindInfo): string => (info.group ? `${info.kind.toLowerCase()}.${info.group}` : info.kind.toLowerCase());

/** `deploy/web`, `deploy web`, `pods` → kind + optional names. */
function target(world: Sandbox, args: string[]): { info: KindInfo; names: string[] } {
  const [first = '', ...rest] = args;
  if (!first) throw new Error('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.');
  const [type, slashName] = first.split('/', 2) as [string, string | undefined];
  const info = world.store.kinds.lookupResource(type);
  if (!info) throw new Error(`error: the server doesn't have a resource type "${type}"`);
  return { info, names: slashName ? [slashName, ...rest] : rest };
}

function clean(o: StoredObject): unknown {
  const { managedFields: _m, ...metadata } = o.metadata;
  return { ...o, metadata };
}

function fetchAll(world: Sandbox, c: Command, info: KindInfo, names: string[]): StoredObject[] {
  const all = c.flags['all-namespaces'] === true;
  const namespace = info.namespaced ? ns(c) : undefined;
  if (names.length > 0) {
    return names.map((name) => {
      const o = world.store.get({ group: info.group, kind: info.kind, ...(namespace ? { namespace } : {}), name });
      if (!o) throw new Error(`Error from server (NotFound): ${resourceName(info)} "${name}" not found`);
      return o;
    });
  }
  const selector = typeof c.flags.selector === 'string' ? c.flags.selector : undefined;
  return world.store
    .list({ group: info.group, kind: info.kind }, { ...(namespace && !all ? { namespace } : {}), ...(selector ? { labelSelector: selector } : {}) })
    .sort((a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name));
}

export function kubectlGet(world: Sandbox, c: Command): string {
  const { info, names } = target(world, c.args.slice(1));
  const objects = fetchAll(world, c, info, names);
  const output = typeof c.flags.output === 'string' ? c.flags.output : '';
  if (output === 'yaml' || output === 'json') {
    const items = objects.map(clean);
    const doc = names.length === 1 ? items[0] : { apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } };
    // kubectl marshals through map[string]interface{}: keys come out sorted.
    return output === 'yaml' ? dump(doc, { lineWidth: -1, noRefs: true, sortKeys: true }).trimEnd() : JSON.stringify(doc, null, 4);
  }
  if (output === 'name') return objects.map((o) => `${singular(info)}/${o.metadata.name}`).join('\n');
  if (output && output !== 'wide') throw new Error(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,wide,yaml`);
  if (objects.length === 0) {
    return c.flags['all-namespaces'] === true || !info.namespaced ? 'No resources found' : `No resources found in ${ns(c)} namespace.`;
  }
  const printerColumns = printerColumnsFor(world.store, info);
  const t = toTable(objects, { group: info.group, kind: info.kind }, world.now(), { includeObject: 'None', ...(printerColumns ? { printerColumns } : {}) });
  const keep = t.columnDefinitions.map((d, i) => ({ d, i })).filter(({ d }) => d.priority === 0 || output === 'wide');
  const withNs = c.flags['all-namespaces'] === true && info.namespaced;
  const header = [...(withNs ? ['NAMESPACE'] : []), ...keep.map(({ d }) => d.name.toUpperCase())];
  const rows = t.rows.map((r, j) => [...(withNs ? [objects[j]!.metadata.namespace ?? ''] : []), ...keep.map(({ i }) => (r.cells[i] === null || r.cells[i] === undefined ? '<none>' : String(r.cells[i])))]);
  return table(header, rows);
}

function kv(label: string, value: string): string {
  return `${`${label}:`.padEnd(14)}${value}`;
}

function mapLines(label: string, m: Record<string, string> | undefined): string[] {
  const entries = Object.entries(m ?? {});
  if (entries.length === 0) return [kv(label, '<none>')];
  return entries.map(([k, v], i) => (i === 0 ? kv(label, `${k}=${v}`) : `${''.padEnd(14)}${k}=${v}`));
}

/** A compact describe: identity, labels, annotations, the object's spec/status as YAML, and its events with their why. */
export function kubectlDescribe(world: Sandbox, c: Command): string {
  const { info, names } = target(world, c.args.slice(1));
  const objects = fetchAll(world, c, info, names);
  return objects
    .map((o) => {
      const lines = [kv('Name', o.metadata.name)];
      if (o.metadata.namespace) lines.push(kv('Namespace', o.metadata.namespace));
      lines.push(...mapLines('Labels', o.metadata.labels), ...mapLines('Annotations', o.metadata.annotations));
      lines.push(kv('API Version', o.apiVersion), kv('Kind', o.kind));
      for (const part of ['spec', 'data', 'status'] as const) {
        const v = o[part];
        if (v === undefined) continue;
        lines.push(`${part[0]!.toUpperCase()}${part.slice(1)}:`, ...dump(v, { lineWidth: -1, noRefs: true }).trimEnd().split('\n').map((l) => `  ${l}`));
      }
      const events = world.log.all().filter((e) => e.involvedObject.kind === o.kind && e.involvedObject.name === o.metadata.name && (e.involvedObject.namespace ?? '') === (o.metadata.namespace ?? ''));
      if (events.length === 0) lines.push('Events:       <none>');
      else {
        lines.push('Events:');
        lines.push(
          ...table(['  Type', 'Reason', 'Age', 'From', 'Message'], events.slice(-20).map((e) => [`  ${e.type}`, e.reason, humanDuration(world.now() - e.t), e.source, e.why ? `${e.message} (why: ${e.why})` : e.message])).split('\n'),
        );
      }
      return lines.join('\n');
    })
    .join('\n\n\n');
}

export function kubectlDelete(world: Sandbox, c: Command): string {
  const { info, names } = target(world, c.args.slice(1));
  if (names.length === 0) throw new Error('error: resource(s) were provided, but no name was specified');
  const namespace = info.namespaced ? ns(c) : undefined;
  return names
    .map((name) => {
      const key = { group: info.group, kind: info.kind, ...(namespace ? { namespace } : {}), name };
      if (!world.store.get(key)) throw new Error(`Error from server (NotFound): ${resourceName(info)} "${name}" not found`);
      world.store.delete(key);
      return `${singular(info)} "${name}" deleted`;
    })
    .join('\n');
}

export function kubectlLogs(world: Sandbox, c: Command): string {
  const arg = c.args[1] ?? '';
  const name = arg.replace(/^(pod|pods|po)\//, '');
  if (!name) throw new Error('error: expected POD as an argument');
  const namespace = ns(c);
  const pod = world.store.get({ apiVersion: 'v1', kind: 'Pod', namespace, name });
  if (!pod) throw new Error(`Error from server (NotFound): pods "${name}" not found`);
  const containers = world.podLogs.containers(namespace, name);
  const spec = (pod.spec ?? {}) as { containers?: { name: string }[] };
  const declared = (spec.containers ?? []).map((x) => x.name);
  let container = typeof c.flags.container === 'string' ? c.flags.container : c.args[2];
  if (!container) {
    if (declared.length > 1) throw new Error(`error: a container name must be specified for pod ${name}, choose one of: [${declared.join(' ')}]`);
    container = declared[0] ?? containers[0] ?? '';
  }
  const tail = typeof c.flags.tail === 'string' ? Number(c.flags.tail) : undefined;
  const lines = world.podLogs.read(namespace, name, container, { ...(c.flags.previous === true ? { previous: true } : {}), ...(tail !== undefined && tail >= 0 ? { tailLines: tail } : {}) });
  return lines.map((l) => l.text).join('\n');
}
