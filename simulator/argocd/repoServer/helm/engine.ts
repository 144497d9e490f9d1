/**
 * Helm's template engine (pkg/engine): every chart's templates parsed into one set named `<chart>/templates/…`
 * (deeper paths first, so the top chart's `define`s win), Sprig plus Helm's functions, missingkey=zero,
 * "<no value>" blanked, partials (`_*.tpl`) not rendered, errors cleaned up like cleanupParseError/cleanupExecError.
 */
import { TemplateExecError, TemplateParseError, TemplateSet, type GoFunc, type GoMap, type GoValue } from '../../../gotemplate/index.js';
import { FuncError, sprigFuncs, type SprigEnv } from '../../../sprig/index.js';
import { HelmError, type Chart } from './chart.js';

const WARN_START = 'HELM_ERR_START';
const WARN_END = 'HELM_ERR_END';
/** Helm's limit on nested `include` of one name. */
const RECURSION_MAX = 1000;

interface Renderable {
  text: string;
  vals: GoMap;
  basePath: string;
}

/** sortTemplates: more path segments first, then reverse lexical (later parses replace earlier defines). */
function sortTemplates(names: string[]): string[] {
  const depth = (s: string): number => s.split('/').length - 1;
  return [...names].sort((a, b) => depth(b) - depth(a) || (a < b ? 1 : a > b ? -1 : 0));
}

function cleanupParseError(file: string, e: TemplateParseError): HelmError {
  const tokens = e.message.split(': ');
  return new HelmError(`parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`, e.templateName, e.line);
}

function cleanupExecError(e: TemplateExecError): HelmError {
  const tokens = e.message.split(': ');
  const location = tokens[1] ?? '';
  const rest = tokens.slice(2).join(': ');
  const warn = new RegExp(`${WARN_START}(.*)${WARN_END}`, 's').exec(rest);
  if (warn) return new HelmError(`execution error at (${location}): ${warn[1]}`, e.parseName, e.line);
  return new HelmError(e.message, e.parseName, e.line);
}

export interface RenderEnv {
  sprig: SprigEnv;
}

/** Renders templates (name → renderable); `references` are parsed too, for include/tpl. Returns name → text. */
export function renderTemplates(tpls: Record<string, Renderable>, env: RenderEnv, references: Record<string, Renderable> = tpls): Record<string, string> {
  const set = new TemplateSet({ missingKey: 'zero', name: 'gotpl' });
  const includes = new Map<string, number>();
  const funcs: Record<string, GoFunc> = {
    ...sprigFuncs(env.sprig),
    include: (name, data) => {
      if (typeof name !== 'string') throw new FuncError(`wrong type for value; expected string; got ${typeof name}`);
      const n = includes.get(name) ?? 0;
      if (n > RECURSION_MAX) throw new FuncError(`rendering template has a nested reference name: ${name}: unable to execute template`);
      includes.set(name, n + 1);
      try {
        return set.execute(name, data);
      } finally {
        includes.set(name, (includes.get(name) ?? 1) - 1);
      }
    },
    tpl: (text, vals) => {
      if (typeof text !== 'string') throw new FuncError('wrong type for value; expected string');
      const tmpl = vals !== null && typeof vals === 'object' && !Array.isArray(vals) ? (vals as GoMap).Template : undefined;
      const name = tmpl && typeof tmpl === 'object' && !Array.isArray(tmpl) ? (tmpl as GoMap).Name : undefined;
      const basePath = tmpl && typeof tmpl === 'object' && !Array.isArray(tmpl) ? (tmpl as GoMap).BasePath : undefined;
      if (typeof name !== 'string' || typeof basePath !== 'string') throw new FuncError(`cannot retrieve Template.Name from values inside tpl function: ${text}`);
      try {
        const out = renderTemplates({ [name]: { text, vals: vals as GoMap, basePath } }, env, references);
        return out[name] ?? '';
      } catch (e) {
        throw new FuncError(`error during tpl function execution for ${JSON.stringify(text)}: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    required: (warn, val) => {
      if (val === null || val === undefined || val === '') throw new FuncError(`${WARN_START}${typeof warn === 'string' ? warn : ''}${WARN_END}`);
      return val;
    },
    // `helm template` has no cluster: lookup returns an empty map.
    lookup: () => ({}),
  };
  set.addFuncs(funcs);
  for (const name of sortTemplates(Object.keys(tpls))) {
    try {
      set.parse(name, tpls[name]!.text);
    } catch (e) {
      if (e instanceof TemplateParseError) throw cleanupParseError(name, e);
      throw e;
    }
  }
  for (const name of sortTemplates(Object.keys(references))) {
    if (set.lookup(name)) continue;
    try {
      set.parse(name, references[name]!.text);
    } catch (e) {
      if (e instanceof TemplateParseError) throw cleanupParseError(name, e);
      throw e;
    }
  }
  const out: Record<string, string> = {};
  for (const name of sortTemplates(Object.keys(tpls))) {
    if (name.slice(name.lastIndexOf('/') + 1).startsWith('_')) continue;
    const r = tpls[name]!;
    const vals: GoMap = { ...r.vals, Template: { Name: name, BasePath: r.basePath } };
    try {
      out[name] = set.execute(name, vals).replaceAll('<no value>', '');
    } catch (e) {
      if (e instanceof TemplateExecError) throw cleanupExecError(e);
      throw e;
    }
  }
  return out;
}

/** Every chart's templates (recAllTpls) with its scoped values object (`.Values` of a subchart is its own table). */
export function allTemplates(chart: Chart, top: GoMap, values: GoMap, out: Record<string, Renderable> = {}): Record<string, Renderable> {
  const vals: GoMap = { ...top, Chart: chart.metadata, Values: values };
  for (const dep of chart.dependencies) {
    const sub = values[dep.name];
    allTemplates(dep, top, isTable(sub) ? sub : {}, out);
  }
  for (const [rel, text] of Object.entries(chart.templates)) out[`${chart.fullPath}/${rel}`] = { text, vals, basePath: `${chart.fullPath}/templates` };
  return out;
}

function isTable(v: GoValue): v is GoMap {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
