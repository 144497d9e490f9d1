/** What every generator sees and returns: parameter sets, one per Application to render. */
import type { ObjectStore } from '../../../cluster/store/index.js';
import type { GitHost } from '../../../git/index.js';
import type { Params } from '../template.js';

export interface GeneratorContext {
  store: ObjectStore;
  /** Namespace of the ApplicationSet (its cluster and repository Secrets live there). */
  namespace: string;
  git?: GitHost;
  goTemplate: boolean;
}

export class GeneratorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GeneratorError';
  }
}

export type GeneratorSpec = Record<string, unknown>;
export type Generator = (spec: GeneratorSpec, ctx: GeneratorContext) => Params[];

export function obj(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** `%v` of a JSON value as Go prints it in fasttemplate params. */
export function goV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goV).join(' ')}]`;
  const o = obj(v);
  return `map[${Object.keys(o).sort().map((k) => `${k}:${goV(o[k])}`).join(' ')}]`;
}
