/**
 * A chart read from a repository directory: Chart.yaml (as Helm's chart.Metadata), values.yaml, templates/,
 * crds/, charts/<sub>/ subcharts, and the other files `.Files` serves. Load errors use Helm's wording.
 */
import { defineMethods, fromJsonData, isMap, type GoMap, type GoValue } from '../../../gotemplate/index.js';
import { parseYaml, toYaml } from '../../../sprig/index.js';
import { toBase64 } from '../../../git/index.js';

export class HelmError extends Error {
  constructor(
    message: string,
    /** Chart-relative file the error is in, and line, when known. */
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'HelmError';
  }
}

export interface Chart {
  /** Helm's ChartFullPath: `name`, or `parent/charts/name` for a subchart; prefixes template names. */
  fullPath: string;
  /** Directory of the chart relative to the top chart. */
  dir: string;
  metadata: GoMap;
  name: string;
  values: GoMap;
  templates: Record<string, string>;
  crds: Record<string, string>;
  files: Record<string, string>;
  dependencies: Chart[];
  /** Chart.yaml `dependencies[].condition` by subchart name. */
  conditions: Record<string, string>;
}

const METADATA_FIELDS: [string, string, GoValue][] = [
  ['name', 'Name', ''],
  ['home', 'Home', ''],
  ['sources', 'Sources', null],
  ['version', 'Version', ''],
  ['description', 'Description', ''],
  ['keywords', 'Keywords', null],
  ['maintainers', 'Maintainers', null],
  ['icon', 'Icon', ''],
  ['apiVersion', 'APIVersion', ''],
  ['condition', 'Condition', ''],
  ['tags', 'Tags', ''],
  ['appVersion', 'AppVersion', ''],
  ['deprecated', 'Deprecated', false],
  ['annotations', 'Annotations', null],
  ['kubeVersion', 'KubeVersion', ''],
  ['dependencies', 'Dependencies', null],
  ['type', 'Type', ''],
];

function loadYamlFile(text: string, file: string): GoValue {
  try {
    return parseYaml(text);
  } catch (e) {
    const mark = (e as { mark?: { line?: number } }).mark;
    const line = mark?.line === undefined ? undefined : mark.line + 1;
    const reason = (e as { reason?: string }).reason ?? (e instanceof Error ? e.message : String(e));
    throw new HelmError(`cannot load ${file}: error converting YAML to JSON: yaml: ${line === undefined ? '' : `line ${line}: `}${reason}`, file, line);
  }
}

/** chart.Metadata as templates see it: Go field names, zero values for absent fields. */
function metadataOf(raw: GoMap): GoMap {
  const out: GoMap = {};
  for (const [yamlKey, goKey, zero] of METADATA_FIELDS) {
    const v = raw[yamlKey];
    out[goKey] = v === undefined || v === null ? zero : typeof v === 'number' ? String(v) : v;
  }
  return out;
}

/** Loads the chart whose Chart.yaml is at `dir/Chart.yaml` in `files` (paths relative to the top chart). */
export function loadChart(files: Readonly<Record<string, string>>, dir = '', parentPath = ''): Chart {
  const prefix = dir === '' ? '' : `${dir}/`;
  const chartYaml = files[`${prefix}Chart.yaml`];
  if (chartYaml === undefined) throw new HelmError(`Chart.yaml file is missing`);
  const raw = loadYamlFile(chartYaml, 'Chart.yaml');
  if (!isMap(raw)) throw new HelmError('cannot load Chart.yaml: chart metadata is not a map', `${prefix}Chart.yaml`);
  if (!raw.apiVersion) throw new HelmError('validation: chart.metadata.apiVersion is required', `${prefix}Chart.yaml`);
  if (!raw.name) throw new HelmError('validation: chart.metadata.name is required', `${prefix}Chart.yaml`);
  if (!raw.version) throw new HelmError('validation: chart.metadata.version is required', `${prefix}Chart.yaml`);
  const name = String(raw.name);
  const fullPath = parentPath === '' ? name : `${parentPath}/charts/${name}`;
  let values: GoMap = {};
  const valuesText = files[`${prefix}values.yaml`] ?? files[`${prefix}values.yml`];
  if (valuesText !== undefined) {
    const v = loadYamlFile(valuesText, 'values.yaml');
    if (v !== null && !isMap(v)) throw new HelmError('cannot load values.yaml: error unmarshaling JSON: json: cannot unmarshal array into Go value of type map[string]interface {}', `${prefix}values.yaml`);
    values = v ?? {};
  }
  const templates: Record<string, string> = {};
  const crds: Record<string, string> = {};
  const other: Record<string, string> = {};
  const subDirs = new Set<string>();
  for (const [path, content] of Object.entries(files)) {
    if (!path.startsWith(prefix)) continue;
    const rel = path.slice(prefix.length);
    if (rel.startsWith('charts/')) {
      const sub = rel.split('/')[1];
      if (sub && files[`${prefix}charts/${sub}/Chart.yaml`] !== undefined) subDirs.add(sub);
      continue;
    }
    if (rel.startsWith('templates/')) templates[rel] = content;
    else if (rel.startsWith('crds/')) crds[rel] = content;
    else if (!['Chart.yaml', 'values.yaml', 'values.yml', 'Chart.lock', 'values.schema.json', 'requirements.yaml', 'requirements.lock'].includes(rel)) other[rel] = content;
  }
  const conditions: Record<string, string> = {};
  if (Array.isArray(raw.dependencies)) {
    for (const d of raw.dependencies) {
      if (isMap(d) && typeof d.name === 'string' && typeof d.condition === 'string') conditions[typeof d.alias === 'string' ? d.alias : d.name] = d.condition;
    }
  }
  const dependencies = [...subDirs].sort().map((sub) => loadChart(files, `${prefix}charts/${sub}`, fullPath));
  return { fullPath, dir, metadata: metadataOf(raw), name, values, templates, crds, files: other, dependencies, conditions };
}

const baseName = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/** gobwas/glob with '/' as separator, as `.Files.Glob` compiles it: `*` and `?` stay within a segment, `**` crosses. */
function filesGlob(pattern: string): RegExp {
  let re = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      depth++;
      re += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      re += ')';
    } else if (c === ',' && depth > 0) re += '|';
    else if (c === '[') {
      const end = pattern.indexOf(']', i);
      if (end < 0) re += '\\[';
      else {
        re += `[${pattern.slice(i + 1, end).replace(/^!/, '^')}]`;
        i = end;
      }
    } else re += /[.+^$()|\\/]/.test(c) ? `\\${c}` : c;
  }
  return new RegExp(`^${re}${')'.repeat(depth)}$`);
}

/** `.Files` (helm's files type): Get, GetBytes, Lines, Glob, AsConfig, AsSecrets as method-like fields. */
export function filesObject(files: Record<string, string>): GoMap {
  const asConfig = (subset: Record<string, string>): string => {
    const m: GoMap = {};
    for (const [p, c] of Object.entries(subset)) m[baseName(p)] = c;
    return Object.keys(m).length === 0 ? '' : toYaml(m);
  };
  const asSecrets = (subset: Record<string, string>): string => {
    const m: GoMap = {};
    for (const [p, c] of Object.entries(subset)) m[baseName(p)] = toBase64(new TextEncoder().encode(c));
    return Object.keys(m).length === 0 ? '' : toYaml(m);
  };
  const make = (subset: Record<string, string>): GoMap =>
    defineMethods(fromJsonData(subset) as GoMap, {
      Get: (name) => (typeof name === 'string' ? (subset[name] ?? '') : ''),
      GetBytes: (name) => (typeof name === 'string' ? (subset[name] ?? '') : ''),
      Lines: (name) => {
        const t = typeof name === 'string' ? (subset[name] ?? '') : '';
        return t === '' ? [] : t.replace(/\n$/, '').split('\n');
      },
      Glob: (pattern) => {
        const out: Record<string, string> = {};
        const re = typeof pattern === 'string' ? filesGlob(pattern) : undefined;
        for (const [p, c] of Object.entries(subset)) if (re?.test(p)) out[p] = c;
        return make(out);
      },
      AsConfig: () => asConfig(subset),
      AsSecrets: () => asSecrets(subset),
    });
  return make(files);
}
