/**
 * Side-by-side comparison of one run, simulated vs real: a Workflow's nodes (matched by node name,
 * e.g. `steps[1].b`, since node ids are hashes of names that may differ) or an Application's sync
 * result (matched by group/kind/namespace/name). Pure functions over plain objects.
 */

/** The parts of an object the comparison reads (a KubeObject as JSON). */
export interface RunObject {
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  status?: unknown;
}

export interface CompareRow {
  /** What is compared: `phase`, a node name, `sync`, `Deployment/demo/web`… */
  item: string;
  /** `Pod`, `Steps`… for nodes; empty for top-level fields. */
  type: string;
  sim: string;
  real: string;
  same: boolean;
}

export interface Comparison {
  kind: 'Workflow' | 'Application';
  name: string;
  rows: CompareRow[];
  /** Rows that differ. */
  differences: number;
}

const MISSING = '—';

function rec(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function str(v: unknown): string {
  return typeof v === 'string' && v !== '' ? v : MISSING;
}

function row(item: string, type: string, sim: string, real: string): CompareRow {
  return { item, type, sim, real, same: sim === real };
}

function done(kind: Comparison['kind'], sim: RunObject | undefined, real: RunObject | undefined, rows: CompareRow[]): Comparison {
  return { kind, name: sim?.metadata?.name ?? real?.metadata?.name ?? '', rows, differences: rows.filter((r) => !r.same).length };
}

interface NodeLike {
  name?: string;
  displayName?: string;
  type?: string;
  phase?: string;
}

function nodesByName(wf: RunObject | undefined): Map<string, NodeLike> {
  const out = new Map<string, NodeLike>();
  for (const n of Object.values(rec(rec(wf?.status).nodes))) {
    const node = rec(n) as NodeLike;
    if (typeof node.name === 'string') out.set(node.name, node);
  }
  return out;
}

/** Workflow phase, then every node (in name order, as the node tree reads) with its phase on each side. */
export function compareWorkflow(sim: RunObject | undefined, real: RunObject | undefined): Comparison {
  const rows = [row('phase', '', str(rec(sim?.status).phase), str(rec(real?.status).phase))];
  const s = nodesByName(sim);
  const r = nodesByName(real);
  const names = [...new Set([...s.keys(), ...r.keys()])].sort();
  for (const name of names) {
    const a = s.get(name);
    const b = r.get(name);
    rows.push(row(name, a?.type ?? b?.type ?? '', str(a?.phase), str(b?.phase)));
  }
  return done('Workflow', sim, real, rows);
}

interface ResourceResult {
  group?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  status?: string;
  hookType?: string;
  hookPhase?: string;
  syncPhase?: string;
}

function syncResources(app: RunObject | undefined): Map<string, ResourceResult> {
  const out = new Map<string, ResourceResult>();
  const resources = rec(rec(rec(app?.status).operationState).syncResult).resources;
  for (const x of Array.isArray(resources) ? resources : []) {
    const res = rec(x) as ResourceResult;
    const key = [res.group ? `${res.kind}.${res.group}` : res.kind, res.namespace, res.name].filter(Boolean).join('/');
    out.set(key, res);
  }
  return out;
}

/** Sync and health status, the operation's phase, then every resource of the last sync's result. */
export function compareApplication(sim: RunObject | undefined, real: RunObject | undefined): Comparison {
  const st = (o: RunObject | undefined) => rec(o?.status);
  const rows = [
    row('sync', '', str(rec(st(sim).sync).status), str(rec(st(real).sync).status)),
    row('health', '', str(rec(st(sim).health).status), str(rec(st(real).health).status)),
    row('operation', '', str(rec(st(sim).operationState).phase), str(rec(st(real).operationState).phase)),
  ];
  const s = syncResources(sim);
  const r = syncResources(real);
  const keys = [...new Set([...s.keys(), ...r.keys()])].sort();
  // A hook's own phase matters (Succeeded / Failed); plain resources carry a constant "Running" there.
  const show = (x: ResourceResult | undefined) => (x ? [str(x.status), x.hookType && x.hookPhase ? `(${x.hookPhase})` : ''].join(' ').trim() : MISSING);
  for (const k of keys) rows.push(row(k, s.get(k)?.syncPhase ?? r.get(k)?.syncPhase ?? '', show(s.get(k)), show(r.get(k))));
  return done('Application', sim, real, rows);
}

/** Whichever comparison fits the object's kind. */
export function compareRun(sim: RunObject | undefined, real: RunObject | undefined): Comparison | undefined {
  const kind = sim?.kind ?? real?.kind;
  if (kind === 'Workflow') return compareWorkflow(sim, real);
  if (kind === 'Application') return compareApplication(sim, real);
  return undefined;
}
