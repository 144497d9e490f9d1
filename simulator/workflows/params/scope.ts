/**
 * The variables a steps or DAG template sees (operator.go wfScope, buildLocalScope,
 * processAggregateNodeOutputs): `steps.<name>.*` / `tasks.<name>.*` of finished children, aggregated
 * lists for loops, and their artifacts (kept as objects for `from:` references).
 */
import type { Artifact, NodeStatus, Template } from '../nodes/types.js';
import type { Vars } from './template.js';
import { evaluateExpression } from './expr.js';

export class Scope {
  /** Own variables, layered over the globals (prototype chain) so lookups need no merged copy. */
  readonly vars: Vars;
  readonly artifacts: Record<string, Artifact> = {};

  constructor(globals?: Vars) {
    this.vars = Object.create(globals ?? null) as Vars;
  }

  /** createScope: the template's resolved inputs. */
  static forTemplate(tmpl: Template, globals?: Vars): Scope {
    const s = new Scope(globals);
    for (const p of tmpl.inputs?.parameters ?? []) if (p.value !== undefined) s.vars[`inputs.parameters.${p.name}`] = String(p.value);
    for (const a of tmpl.inputs?.artifacts ?? []) s.artifacts[`inputs.artifacts.${a.name}`] = a;
    return s;
  }

  /**
   * buildLocalScope for one finished (or running) child node. A Retry node stands for its last attempt
   * (possiblyGetRetryChildNode: hook children skipped, a memoized hit kept as is) when `peek` can find it.
   */
  addNode(prefix: string, node: NodeStatus, peek?: (id: string) => NodeStatus | undefined): void {
    const memo = (node as { memoizationStatus?: { hit?: boolean } }).memoizationStatus;
    if (peek && node.type === 'Retry' && !memo?.hit) node = lastAttempt(node, peek) ?? node;
    const v = this.vars;
    v[`${prefix}.id`] = node.id;
    v[`${prefix}.status`] = node.phase;
    if (node.startedAt) v[`${prefix}.startedAt`] = node.startedAt;
    if (node.finishedAt) v[`${prefix}.finishedAt`] = node.finishedAt;
    if (node.podIP) v[`${prefix}.ip`] = node.podIP;
    if (node.hostNodeName) v[`${prefix}.hostNodeName`] = node.hostNodeName;
    const out = node.outputs;
    if (!out) return;
    if (out.exitCode !== undefined) v[`${prefix}.exitCode`] = out.exitCode;
    if (out.result !== undefined) v[`${prefix}.outputs.result`] = out.result;
    if (out.parameters && out.parameters.length > 0) {
      const all: Record<string, string> = {};
      for (const p of out.parameters) {
        const val = p.value !== undefined ? String(p.value) : null;
        v[`${prefix}.outputs.parameters.${p.name}`] = val;
        if (val !== null) all[p.name] = val;
      }
      v[`${prefix}.outputs.parameters`] = JSON.stringify(all);
    }
    for (const a of out.artifacts ?? []) this.artifacts[`${prefix}.outputs.artifacts.${a.name}`] = a;
  }

  /** Outputs of a skipped/omitted child: its declared outputs' defaults, if any (so references resolve). */
  addSkipped(prefix: string, node: NodeStatus, tmpl: Template | undefined): void {
    this.vars[`${prefix}.status`] = node.phase;
    this.vars[`${prefix}.id`] = node.id;
    for (const p of tmpl?.outputs?.parameters ?? []) {
      const key = `${prefix}.outputs.parameters.${p.name}`;
      if (this.vars[key] === undefined) this.vars[key] = p.valueFrom?.default !== undefined ? String(p.valueFrom.default) : null;
    }
  }

  /** processAggregateNodeOutputs: loop children (in index order) as JSON lists. */
  addAggregate(prefix: string, children: NodeStatus[]): void {
    const sorted = children.filter((c) => !c.nodeFlag?.hooked && !c.nodeFlag?.retried).sort((a, b) => loopIndex(a.name) - loopIndex(b.name));
    const results: string[] = [];
    const paramList: Record<string, string>[] = [];
    const byName: Record<string, string[]> = {};
    for (const c of sorted) {
      const out = c.outputs;
      if (!out || c.phase !== 'Succeeded') continue;
      if (out.result !== undefined) results.push(out.result);
      if (out?.parameters && out.parameters.length > 0) {
        const m: Record<string, string> = {};
        for (const p of out.parameters) {
          const val = p.value !== undefined ? String(p.value) : '';
          m[p.name] = val;
          (byName[p.name] ??= []).push(val);
        }
        paramList.push(m);
      }
    }
    this.vars[`${prefix}.outputs.result`] = jsonList(results);
    this.vars[`${prefix}.outputs.parameters`] = JSON.stringify(paramList);
    for (const [name, vals] of Object.entries(byName)) this.vars[`${prefix}.outputs.parameters.${name}`] = jsonList(vals);
  }

  /** `fromExpression`: an expression over the variables and artifacts that yields an artifact. */
  resolveArtifactExpression(expression: string): Artifact | undefined {
    const flat: Record<string, unknown> = { ...this.artifacts };
    for (const k in this.vars) flat[k] = this.vars[k];
    const r = evaluateExpression(expression, flat);
    return r !== null && typeof r === 'object' && !Array.isArray(r) ? (r as Artifact) : undefined;
  }

  resolveArtifact(ref: string): Artifact | undefined {
    const key = ref.replace(/^\{\{\s*/, '').replace(/\s*\}\}$/, '');
    return this.artifacts[key];
  }
}

/** tryJSONUnmarshal + aggregatedJSONValueList: a list of JSON values when each parses, else of strings. */
function jsonList(values: string[]): string {
  const parsed: unknown[] = [];
  for (const v of values) {
    try {
      parsed.push(JSON.parse(v));
    } catch {
      return JSON.stringify(values);
    }
  }
  return JSON.stringify(parsed);
}

/** parseLoopIndex: the `i` of `name(i:desc)`. */
export function loopIndex(name: string): number {
  const open = name.lastIndexOf('(');
  if (open < 0) return -1;
  const colon = name.indexOf(':', open);
  return Number(name.slice(open + 1, colon < 0 ? undefined : colon));
}

function lastAttempt(node: NodeStatus, peek: (id: string) => NodeStatus | undefined): NodeStatus | undefined {
  const kids = node.children ?? [];
  for (let i = kids.length - 1; i >= 0; i--) {
    const c = peek(kids[i]!);
    if (c && !c.nodeFlag?.hooked) return c;
  }
  return undefined;
}
