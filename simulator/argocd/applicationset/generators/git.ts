/**
 * Git generator over the sandbox's git server (applicationset/generators/git.go):
 * - `directories`: every non-hidden directory at `revision` matched by a path (Go `path.Match`: `*`
 *   stops at `/`), minus those matched by an `exclude: true` entry. Params `path`, `path.basename`,
 *   `path.basenameNormalized`, `path[n]` (goTemplate: `path.path`, `.basename`, `.segments`…).
 * - `files`: every file matched by a pattern (git pathspec: `*` and `**` cross `/`), parsed as JSON or
 *   YAML (a list gives one parameter set per item), flattened with dots, plus the path params with
 *   `path.filename`.
 * `pathParamPrefix` prefixes the path params; `values` become `values.<k>` templated with the params.
 */
import { load } from 'js-yaml';
import type { GitRepository } from '../../../git/index.js';
import { repositoryCredentials } from '../../settings/index.js';
import { renderTemplate, sanitizeName } from '../template.js';
import type { Params } from '../template.js';
import { GeneratorError, goV, obj } from './types.js';
import type { Generator, GeneratorContext, GeneratorSpec } from './types.js';

/** Go's path.Match. */
export function pathMatch(pattern: string, name: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) return false;
      let cls = pattern.slice(i + 1, end);
      if (cls.startsWith('^')) cls = '^' + cls.slice(1).replace(/\\/g, '\\\\');
      re += `[${cls.replace(/\]/g, '\\]')}]`;
      i = end;
    } else if (c === '\\' && i + 1 < pattern.length) {
      re += pattern[++i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(re + '$').test(name);
}

/** git ls-files pathspec glob (fnmatch without FNM_PATHNAME): `*` also crosses `/`. */
export function pathspecMatch(pattern: string, name: string): boolean {
  const re = pattern
    .split('**')
    .map((part) => part.split('*').map((p) => p.split('?').map((x) => x.replace(/[.+^${}()|[\]\\/]/g, '\\$&')).join('.')).join('.*'))
    .join('.*');
  return new RegExp(`^${re}$`).test(name);
}

function openRepo(spec: GeneratorSpec, ctx: GeneratorContext, what: string): { repo: GitRepository; revision: string } {
  const repoURL = typeof spec.repoURL === 'string' ? spec.repoURL : '';
  const revision = typeof spec.revision === 'string' && spec.revision ? spec.revision : 'HEAD';
  if (!ctx.git) throw new GeneratorError(`${what}: no git server in this sandbox`);
  try {
    const creds = repositoryCredentials(ctx.store, repoURL, '', ctx.namespace);
    const repo = ctx.git.open(repoURL, creds);
    repo.resolveSync(revision);
    return { repo, revision };
  } catch (e) {
    throw new GeneratorError(`${what}: rpc error: code = Unknown desc = ${e instanceof Error ? e.message : String(e)}`);
  }
}

function pathParams(dir: string, file: string | undefined, ctx: GeneratorContext, prefix: string): Params {
  const segments = dir.split('/').filter((s) => s.length > 0);
  const basename = dir === '' ? '.' : segments[segments.length - 1] ?? '.';
  if (ctx.goTemplate) {
    const p: Params = { path: dir || '.', basename, basenameNormalized: sanitizeName(basename), segments };
    if (file !== undefined) {
      p.filename = file;
      p.filenameNormalized = sanitizeName(file);
    }
    return prefix ? { [prefix]: { path: p } } : { path: p };
  }
  const key = prefix ? `${prefix}.path` : 'path';
  const out: Params = { [key]: dir || '.', [`${key}.basename`]: basename, [`${key}.basenameNormalized`]: sanitizeName(basename) };
  if (file !== undefined) {
    out[`${key}.filename`] = file;
    out[`${key}.filenameNormalized`] = sanitizeName(file);
  }
  segments.forEach((s, i) => (out[`${key}[${i}]`] = s));
  return out;
}

function withValues(params: Params, spec: GeneratorSpec, ctx: GeneratorContext): Params {
  const values = obj(spec.values);
  if (Object.keys(values).length === 0) return params;
  if (ctx.goTemplate) return { ...params, values: renderTemplate(values, params, { goTemplate: true }) };
  const out = { ...params };
  for (const [k, v] of Object.entries(values)) out[`values.${k}`] = renderTemplate(goV(v), params, { goTemplate: false });
  return out;
}

function directories(spec: GeneratorSpec, ctx: GeneratorContext): Params[] {
  const { repo, revision } = openRepo(spec, ctx, 'error getting directories from repo');
  const dirs = new Set<string>();
  for (const f of repo.listFilesSync(revision)) {
    const parts = f.split('/');
    for (let i = 1; i < parts.length; i++) {
      if (parts.slice(0, i).some((p) => p.startsWith('.'))) break;
      dirs.add(parts.slice(0, i).join('/'));
    }
  }
  const requested = (Array.isArray(spec.directories) ? spec.directories : []).map(obj);
  const prefix = typeof spec.pathParamPrefix === 'string' ? spec.pathParamPrefix : '';
  return [...dirs]
    .sort()
    .filter((d) => {
      let include = false;
      let exclude = false;
      for (const r of requested) {
        if (!pathMatch(String(r.path ?? ''), d)) continue;
        if (r.exclude === true) exclude = true;
        else include = true;
      }
      return include && !exclude;
    })
    .map((d) => withValues(pathParams(d, undefined, ctx, prefix), spec, ctx));
}

/** jeremywohl/flatten DotStyle: nested keys joined by `.`, list items by index; leaves as `%v`. */
function flatten(v: unknown, prefix: string, out: Params): void {
  if (v !== null && typeof v === 'object') {
    const entries: [string, unknown][] = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v);
    if (entries.length === 0) out[prefix] = Array.isArray(v) ? '[]' : 'map[]';
    for (const [k, x] of entries) flatten(x, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  out[prefix] = goV(v);
}

function files(spec: GeneratorSpec, ctx: GeneratorContext): Params[] {
  const { repo, revision } = openRepo(spec, ctx, 'error retrieving Git files');
  const patterns = (Array.isArray(spec.files) ? spec.files : []).map(obj);
  const prefix = typeof spec.pathParamPrefix === 'string' ? spec.pathParamPrefix : '';
  const all = repo.listFilesSync(revision).sort();
  const out: Params[] = [];
  const includes = patterns.filter((p) => p.exclude !== true);
  const excludes = patterns.filter((p) => p.exclude === true);
  for (const f of all) {
    if (!includes.some((p) => pathspecMatch(String(p.path ?? ''), f))) continue;
    if (excludes.some((p) => pathspecMatch(String(p.path ?? ''), f))) continue;
    let data: unknown;
    try {
      data = load(repo.readFileSync(revision, f));
    } catch (e) {
      throw new GeneratorError(`unable to process file '${f}': unable to parse file: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    const items = Array.isArray(data) ? data : [data];
    const slash = f.lastIndexOf('/');
    const dir = slash < 0 ? '' : f.slice(0, slash);
    const name = f.slice(slash + 1);
    for (const item of items) {
      if (item !== null && typeof item !== 'object') throw new GeneratorError(`unable to process file '${f}': file does not contain an object or a list of objects`);
      const base: Params = {};
      if (ctx.goTemplate) Object.assign(base, obj(item));
      else flatten(item ?? {}, '', base);
      delete base[''];
      out.push(withValues({ ...base, ...pathParams(dir, name, ctx, prefix) }, spec, ctx));
    }
  }
  return out;
}

export const gitGenerator: Generator = (spec, ctx) => {
  if (Array.isArray(spec.directories) && spec.directories.length > 0) return directories(spec, ctx);
  if (Array.isArray(spec.files) && spec.files.length > 0) return files(spec, ctx);
  return [];
};
