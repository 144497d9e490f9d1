/**
 * Rendering the ApplicationSet template with one parameter set (applicationset/utils Render):
 * fasttemplate (`{{path.basename}}`, spaces inside the braces trimmed, unknown tags left as written) over
 * every string — keys included — of the template, or, with `goTemplate: true`, each string executed as
 * a Go template with `goTemplateOptions` (e.g. `missingkey=error`).
 */
import { fromJsonData, renderTemplate as renderGo } from '../../gotemplate/index.js';
import type { GoFunc, GoValue, MissingKey } from '../../gotemplate/index.js';
import { sprigFuncs } from '../../sprig/index.js';
import type { SprigEnv } from '../../sprig/index.js';

export type Params = Record<string, unknown>;

export class RenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderError';
  }
}

function fastString(s: string, params: Params): string {
  if (!s.includes('{{')) return s;
  return s.replace(/\{\{([^{}]*)\}\}/g, (whole, tag: string) => {
    const key = tag.trim();
    if (!Object.prototype.hasOwnProperty.call(params, key)) return whole;
    const v = params[key];
    if (v === null || v === undefined) return '';
    return typeof v === 'string' ? v : JSON.stringify(v);
  });
}

function walk(v: unknown, fn: (s: string) => string): unknown {
  if (typeof v === 'string') return fn(v);
  if (Array.isArray(v)) return v.map((x) => walk(x, fn));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[fn(k)] = walk(x, fn);
    return out;
  }
  return v;
}

function missingKeyOption(options: unknown): MissingKey {
  for (const o of Array.isArray(options) ? options : []) {
    const m = /^missingkey=(default|zero|error|invalid)$/.exec(String(o));
    if (m) return m[1] as MissingKey;
  }
  return 'default';
}

function str(v: GoValue): string {
  return typeof v === 'string' ? v : String(v ?? '');
}

/** utils.SlugifyName(maxSize=50, smartTruncate=true, name): lower-case dash-separated, cut at a dash if possible. */
function slugify(...args: GoValue[]): string {
  const name = str(args[args.length - 1]);
  const max = args.length > 1 ? Number(args[0]) : 50;
  const smart = args.length > 2 ? args[1] === true : true;
  let slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length > max) {
    const cut = slug.slice(0, max);
    const dash = cut.lastIndexOf('-');
    slug = (smart && dash > 0 ? cut.slice(0, dash) : cut).replace(/-+$/, '');
  }
  return slug;
}

/** The goTemplate function map: Sprig minus env access, plus `normalize` and `slugify`. */
export function appSetFuncs(env: SprigEnv): Record<string, GoFunc> {
  const funcs = sprigFuncs(env);
  delete funcs.env;
  delete funcs.expandenv;
  delete funcs.getHostByName;
  funcs.normalize = (s) => sanitizeName(str(s));
  funcs.slugify = slugify;
  return funcs;
}

export interface RenderOptions {
  goTemplate: boolean;
  goTemplateOptions?: unknown;
  /** Functions for goTemplate (default: `appSetFuncs({})`). */
  funcs?: Record<string, GoFunc>;
}

/** Render a template object (metadata + spec) with one parameter set. */
export function renderTemplate<T>(template: T, params: Params, opts: RenderOptions): T {
  if (!opts.goTemplate) return walk(template, (s) => fastString(s, params)) as T;
  const missingKey = missingKeyOption(opts.goTemplateOptions);
  const funcs = opts.funcs ?? appSetFuncs({});
  const data = fromJsonData(params, 'float64');
  return walk(template, (s) => {
    if (!s.includes('{{')) return s;
    try {
      return renderGo(s, data, { funcs, missingKey, name: '' });
    } catch (e) {
      throw new RenderError(`failed to execute go template ${s}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }) as T;
}

/**
 * utils.SanitizeName: a DNS-1123 subdomain-ish name — lower case, runs of invalid characters become
 * `-`, trimmed of leading/trailing non-alphanumerics, at most 253 characters.
 */
export function sanitizeName(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
  return s.slice(0, 253).replace(/^[^a-z0-9]+/, '').replace(/[^a-z0-9]+$/, '');
}

/** Deep merge for a generator's own `template` over the ApplicationSet's (later wins, maps merged). */
export function mergeTemplate(base: unknown, override: unknown): unknown {
  if (override === undefined || override === null) return base;
  if (base === null || typeof base !== 'object' || Array.isArray(base)) return override;
  if (typeof override !== 'object' || Array.isArray(override)) return override;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(override)) {
    // An empty string or empty map in the generator template does not blank the base field.
    if (v === '' || (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0)) continue;
    out[k] = mergeTemplate(out[k], v);
  }
  return out;
}
