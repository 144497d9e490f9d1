/** Shared state of one validation run (templateValidationCtx) and where templateRefs are looked up. */
import { isObj } from '../../cluster/types.js';
import type { Scope } from './variables.js';

export type Dict = Record<string, unknown>;

/** Looks up WorkflowTemplates / ClusterWorkflowTemplates (store, or the files being linted). */
export interface HolderSource {
  get(kind: 'WorkflowTemplate' | 'ClusterWorkflowTemplate', namespace: string, name: string): Dict | undefined;
}

/** Where templates are searched by name: a Workflow's or a WorkflowTemplate's spec. */
export interface Base {
  /** `Workflow`, `WorkflowTemplate` or `ClusterWorkflowTemplate`, and its name: the template scope. */
  kind: string;
  name: string;
  spec: Dict;
}

export interface LintCtx {
  source: HolderSource;
  namespace: string;
  globals: Scope;
  /** Templates already validated, by scope + name. */
  results: Set<string>;
  wftValidation: boolean;
  /**
   * Templates whose own checks passed with FakeArguments ('fake') or with no arguments ('none'): the
   * same template referenced again that way (10,000 DAG tasks of one template) passes them again.
   */
  passed?: WeakMap<Dict, Set<string>>;
  /** Templates by name of each spec looked up this run (the first of a name, as a search finds it). */
  byName?: WeakMap<Dict, Map<string, Dict>>;
}

/** A validation failure: Argo's message; the path of the field, when known, to place it in a file. */
export class LintFailure extends Error {
  constructor(
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

export const fail = (message: string, path?: string): never => {
  throw new LintFailure(message, path);
};

/** Prefix a nested failure (`templates.main.steps[0].a <inner>`), keeping the innermost path. */
export function wrap<T>(prefix: (m: string) => string, fn: () => T, path?: string): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof LintFailure) throw new LintFailure(prefix(e.message), e.path ?? path);
    throw e;
  }
}

/** What `wrap` with the prefix function `m => prefix + m` throws for `e` (for loops that make no closure per item). */
export function prefixed(prefix: string, e: unknown): unknown {
  return e instanceof LintFailure ? new LintFailure(prefix + e.message, e.path) : e;
}

export const dict = (v: unknown): Dict => (isObj(v) ? v : {});
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

export function templatesOf(spec: Dict): Dict[] {
  return list(spec.templates).filter(isObj);
}

/** `templatesOf(spec).find((t) => t.name === name)`, from an index of the spec made once per run. */
export function templateNamed(ctx: LintCtx, spec: Dict, name: string): Dict | undefined {
  const byName = (ctx.byName ??= new WeakMap());
  let index = byName.get(spec);
  if (!index) {
    index = new Map();
    for (const t of templatesOf(spec)) if (typeof t.name === 'string' && !index.has(t.name)) index.set(t.name, t);
    byName.set(spec, index);
  }
  return index.get(name);
}

export const TYPES = ['container', 'containerSet', 'steps', 'script', 'resource', 'dag', 'suspend', 'data', 'http', 'plugin'] as const;

export function typeOf(t: Dict): string | undefined {
  return TYPES.find((k) => t[k] !== undefined && t[k] !== null);
}

const LEAF = new Set(['container', 'containerSet', 'script', 'resource', 'data', 'http', 'plugin']);
const POD = new Set(['container', 'containerSet', 'script', 'resource', 'data']);
export const isLeaf = (t: Dict): boolean => LEAF.has(typeOf(t) ?? '');
export const isPodType = (t: Dict): boolean => POD.has(typeOf(t) ?? '');

/** Template.HasOutput: the node has `outputs.result` / `exitCode`. */
export function hasOutput(t: Dict): boolean {
  if (t.container || t.script || t.data || t.http || t.plugin) return true;
  const cs = dict(t.containerSet);
  return list(cs.containers).some((c) => isObj(c) && c.name === 'main');
}
