/**
 * `helm template` as Argo CD's repo server runs it (util/helm/cmd.go template): value files, then the
 * Application's values/valuesObject, then `--set`/`--set-string`/`--set-file` parameters, coalesced with the
 * chart's values.yaml; `.Release`, `.Capabilities`, `.Chart`, `.Files`; CRDs from crds/ unless skipCrds.
 * Failures are worded like Argo shows them: "`helm template . --name-template …` failed exit status 1: Error: …".
 */
import type { KubeObject } from '../../../cluster/types.js';
import { BUILTIN_KINDS } from '../../../cluster/builtinKinds.js';
import { defineMethods, fromJsonData, isMap, type GoMap, type GoValue } from '../../../gotemplate/index.js';
import { parseManifests } from '../../../manifest/index.js';
import { parseYaml, semverCompare, type SprigEnv } from '../../../sprig/index.js';
import { RepoServerError } from '../errors.js';
import { joinRel } from '../files.js';
import { filesObject, HelmError, loadChart, type Chart } from './chart.js';
import { allTemplates, renderTemplates } from './engine.js';
import { sortByKind } from './order.js';
import { applySet, setFileValue, StrvalsError } from './strvals.js';
import { coalesceValues, mergeMaps } from './values.js';

export interface HelmParameter {
  name: string;
  value: string;
  forceString?: boolean;
}

/** `spec.source.helm` (ApplicationSourceHelm). */
export interface HelmSource {
  valueFiles?: string[];
  values?: string;
  valuesObject?: Record<string, unknown>;
  parameters?: HelmParameter[];
  fileParameters?: { name: string; path: string }[];
  releaseName?: string;
  namespace?: string;
  kubeVersion?: string;
  apiVersions?: string[];
  skipCrds?: boolean;
  skipTests?: boolean;
  ignoreMissingValueFiles?: boolean;
}

export interface HelmTemplateInput {
  /** Every file of the source's repository at the revision (repo-relative paths). */
  repoFiles: Readonly<Record<string, string>>;
  /** The chart directory in that repository. */
  appPath: string;
  helm?: HelmSource;
  appName: string;
  namespace?: string;
  /** Cluster version `major.minor` Argo passes as --kube-version. */
  kubeVersion: string;
  apiVersions?: string[];
  /** `$name` → files of that `ref:` source's repository (multi-source value files). */
  refs?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Build environment for `$ARGOCD_APP_*` substitution. */
  buildEnv?: Record<string, string>;
  sprig?: SprigEnv;
}

/** API versions Helm's Capabilities reports: group/version and group/version/Kind of every built-in kind. */
export function defaultApiVersions(): string[] {
  const out = new Set<string>();
  for (const k of BUILTIN_KINDS) {
    const gv = k.group === '' ? k.version : `${k.group}/${k.version}`;
    out.add(gv);
    out.add(`${gv}/${k.kind}`);
  }
  return [...out].sort();
}

function envsubst(s: string, env: Record<string, string>): string {
  return s.replace(/\$\{(\w+)\}|\$(\w+)/g, (m, a: string | undefined, b: string | undefined) => env[(a ?? b)!] ?? m);
}

function kubeVersionOf(v: string): GoMap {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(v);
  const major = m?.[1] ?? '1';
  const minor = m?.[2] ?? '32';
  const version = `v${major}.${minor}.${m?.[3] ?? '0'}`;
  return defineMethods({ Version: version, Major: major, Minor: minor, GitVersion: version } as GoMap, { String: () => version });
}

/** Subchart values: the parent's table for it, coalesced with its values.yaml, `global` copied down; disabled ones dropped. */
function coalesceDeps(chart: Chart, values: GoMap): Chart {
  const deps: Chart[] = [];
  for (const dep of chart.dependencies) {
    const condition = chart.conditions[dep.name];
    if (condition !== undefined) {
      let cur: GoValue = values;
      for (const part of condition.split('.')) cur = isMap(cur) ? cur[part] : undefined;
      if (cur === false) continue;
    }
    const own = isMap(values[dep.name]) ? (values[dep.name] as GoMap) : {};
    const merged = coalesceValues(dep.values, own);
    if (isMap(values.global)) merged.global = mergeMaps(isMap(merged.global) ? merged.global : {}, values.global);
    values[dep.name] = merged;
    deps.push(coalesceDeps(dep, merged));
  }
  return { ...chart, dependencies: deps };
}

/** Chart.yaml `kubeVersion` against the cluster, and declared dependencies present under charts/ (action.CheckDependencies). */
function checkChart(chart: Chart, kube: GoMap, fail: (message: string) => never): void {
  const constraint = chart.metadata.KubeVersion;
  if (typeof constraint === 'string' && constraint !== '') {
    let ok = true;
    try {
      ok = semverCompare(constraint, String(kube.Version));
    } catch {
      ok = true;
    }
    if (!ok) fail(`chart requires kubeVersion: ${constraint} which is incompatible with Kubernetes ${String(kube.Version)}`);
  }
  const declared = Array.isArray(chart.metadata.Dependencies) ? chart.metadata.Dependencies : [];
  const present = new Set(chart.dependencies.map((d) => d.name));
  const missing = declared
    .map((d) => (isMap(d) ? String(d.alias ?? d.name ?? '') : ''))
    .filter((n, i) => n !== '' && !present.has(n) && !present.has(String((declared[i] as GoMap).name ?? '')));
  if (missing.length > 0) {
    fail(`An error occurred while checking for chart dependencies. You may need to run \`helm dependency build\` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: ${missing.join(', ')}`);
  }
}

/** Renders the chart; objects in `helm template` output order (CRDs, manifests by kind, then hooks). */
export function helmTemplate(input: HelmTemplateInput): KubeObject[] {
  const helm = input.helm ?? {};
  const release = helm.releaseName || input.appName;
  const namespace = helm.namespace || input.namespace || '';
  const kubeVersion = helm.kubeVersion || input.kubeVersion;
  const env = input.buildEnv ?? {};
  const args: string[] = ['template', '.', '--name-template', release];
  if (namespace) args.push('--namespace', namespace);
  if (kubeVersion) args.push('--kube-version', kubeVersion);
  for (const p of helm.parameters ?? []) if (!p.forceString) args.push('--set', `${p.name}=${p.value}`);
  for (const p of helm.parameters ?? []) if (p.forceString) args.push('--set-string', `${p.name}=${p.value}`);
  for (const p of helm.fileParameters ?? []) args.push('--set-file', `${p.name}=${p.path}`);
  const fail = (message: string, file?: string, line?: number): never => {
    const tail = [helm.skipCrds ? '' : ' --include-crds', helm.skipTests ? ' --skip-tests' : ''].join('');
    const cmd = `helm ${args.join(' ')} <api versions removed>${tail}`;
    throw new RepoServerError('Unknown', `\`${cmd}\` failed exit status 1: Error: ${message}`, { file, line });
  };
  const chartFiles: Record<string, string> = {};
  const prefix = input.appPath === '' ? '' : `${input.appPath}/`;
  for (const [p, c] of Object.entries(input.repoFiles)) if (p.startsWith(prefix)) chartFiles[p.slice(prefix.length)] = c;
  const repoPath = (chartRel: string): string => (input.appPath === '' ? chartRel : `${input.appPath}/${chartRel}`);

  let chartName = '';
  try {
    // User-supplied values, lowest precedence first.
    let user: GoMap = {};
    const readValues = (text: string, shown: string, file?: string): void => {
      let v: GoValue;
      try {
        v = parseYaml(text);
      } catch (e) {
        const mark = (e as { mark?: { line?: number } }).mark;
        const line = mark?.line === undefined ? undefined : mark.line + 1;
        fail(`failed to parse ${shown}: error converting YAML to JSON: yaml: ${line === undefined ? '' : `line ${line}: `}${(e as { reason?: string }).reason ?? String(e)}`, file, line);
      }
      if (v !== null && !isMap(v)) fail(`failed to parse ${shown}: error unmarshaling JSON: json: cannot unmarshal array into Go value of type map[string]interface {}`, file);
      user = mergeMaps(user, (v as GoMap | null) ?? {});
    };
    for (const raw of helm.valueFiles ?? []) {
      const vf = envsubst(raw, env);
      let files: Readonly<Record<string, string>> = input.repoFiles;
      let path: string | undefined;
      const ref = /^\$([^/]+)\/(.*)$/.exec(vf);
      if (ref) {
        const refFiles = input.refs?.[ref[1]!];
        if (!refFiles) throw new RepoServerError('Unknown', `error resolving helm value files path: source referenced "$${ref[1]}", but no source has RefName defined`);
        files = refFiles;
        path = joinRel('', ref[2]!);
      } else path = vf.startsWith('/') ? joinRel('', vf) : joinRel(input.appPath, vf);
      if (path === undefined) throw new RepoServerError('Unknown', `error resolving helm value files path: value file '${vf}' resolved to outside repository root`);
      args.push('--values', vf);
      const text = files[path];
      if (text === undefined) {
        if (helm.ignoreMissingValueFiles) {
          args.splice(args.length - 2, 2);
          continue;
        }
        fail(`open ${vf}: no such file or directory`);
      }
      readValues(text as string, vf, ref ? undefined : path);
    }
    if (helm.valuesObject !== undefined && helm.valuesObject !== null) {
      args.push('--values', '<helm.valuesObject>');
      const v = fromJsonData(helm.valuesObject, 'float64');
      user = mergeMaps(user, isMap(v) ? v : {});
    } else if (helm.values) {
      args.push('--values', '<helm.values>');
      readValues(helm.values, '<helm.values>');
    }
    for (const p of helm.parameters ?? []) {
      try {
        applySet(user, p.name, envsubst(p.value, env), p.forceString === true);
      } catch (e) {
        if (e instanceof StrvalsError) fail(`failed parsing --set data: ${e.message}`);
        throw e;
      }
    }
    for (const p of helm.fileParameters ?? []) {
      const path = joinRel(input.appPath, p.path);
      const text = path === undefined ? undefined : input.repoFiles[path];
      if (text === undefined) fail(`failed parsing --set-file data: open ${p.path}: no such file or directory`);
      setFileValue(user, p.name, text as string);
    }

    const loaded = loadChart(chartFiles);
    checkChart(loaded, kubeVersionOf(kubeVersion), fail);
    const values = coalesceValues(loaded.values, user);
    const chart = coalesceDeps(loaded, values);
    const apiVersions = defineMethods([...(helm.apiVersions ?? input.apiVersions ?? defaultApiVersions())] as GoValue[], {
      Has: (v) => typeof v === 'string' && (helm.apiVersions ?? input.apiVersions ?? defaultApiVersions()).includes(v),
    });
    const top: GoMap = {
      Release: { Name: release, Namespace: namespace || 'default', IsUpgrade: false, IsInstall: true, Revision: 1n, Service: 'Helm' },
      Capabilities: { KubeVersion: kubeVersionOf(kubeVersion), APIVersions: apiVersions, HelmVersion: { Version: 'v3.17.0', GitCommit: '', GitTreeState: 'clean', GoVersion: 'go1.23.0' } },
    };
    chartName = chart.fullPath;
    const tpls = allTemplates(chart, top, values);
    const withFiles = attachFiles(chart, tpls);
    const rendered = renderTemplates(withFiles, { sprig: input.sprig ?? {} });
    return collectObjects(chart, rendered, helm, (msg, file, line) => fail(msg, file === undefined ? undefined : repoPath(file), line));
  } catch (e) {
    if (e instanceof HelmError) {
      const file = e.file === undefined || chartName === '' ? e.file : e.file.replace(`${chartName}/`, '');
      fail(e.message, file === undefined ? undefined : repoPath(file), e.line);
    }
    throw e;
  }
}

function attachFiles(chart: Chart, tpls: ReturnType<typeof allTemplates>): ReturnType<typeof allTemplates> {
  const byChart = new Map<string, GoMap>();
  const walk = (c: Chart): void => {
    byChart.set(`${c.fullPath}/templates`, filesObject(c.files));
    c.dependencies.forEach(walk);
  };
  walk(chart);
  const out: ReturnType<typeof allTemplates> = {};
  const scoped = new Map<GoMap, GoMap>();
  for (const [name, r] of Object.entries(tpls)) {
    let vals = scoped.get(r.vals);
    if (!vals) {
      vals = { ...r.vals, Files: byChart.get(r.basePath) ?? {} };
      scoped.set(r.vals, vals);
    }
    out[name] = { ...r, vals };
  }
  return out;
}

type Fail = (message: string, file?: string, line?: number) => never;

function collectObjects(chart: Chart, rendered: Record<string, string>, helm: HelmSource, fail: Fail): KubeObject[] {
  const crds: KubeObject[] = [];
  const manifests: KubeObject[] = [];
  const hooks: KubeObject[] = [];
  const parseDoc = (doc: string, source: string, chartRel: string, into: KubeObject[]): void => {
    const parsed = parseManifests(doc, chartRel);
    const err = parsed.errors[0];
    if (err) fail(`YAML parse error on ${source}: ${err.message}\n\nUse --debug flag to render out invalid YAML`, chartRel, err.line);
    for (const m of parsed.manifests) into.push(m.object);
  };
  if (!helm.skipCrds) {
    const walk = (c: Chart, dirPrefix: string): void => {
      for (const rel of Object.keys(c.crds).sort()) parseDoc(c.crds[rel]!, `${c.fullPath}/${rel}`, `${dirPrefix}${rel}`, crds);
      for (const d of c.dependencies) walk(d, `${dirPrefix}charts/${d.name}/`);
    };
    walk(chart, '');
  }
  for (const name of Object.keys(rendered).sort()) {
    if (name.endsWith('NOTES.txt')) continue;
    const chartRel = name.slice(chart.fullPath.length + 1);
    if (helm.skipTests && /\/templates\/tests\//.test(`/${chartRel}`)) continue;
    const text = rendered[name]!;
    if (text.trim() === '') continue;
    for (const doc of text.split(/^---[ \t]*$/m)) {
      if (doc.trim() === '') continue;
      const objs: KubeObject[] = [];
      parseDoc(doc, name, chartRel, objs);
      for (const o of objs) {
        const hook = (o.metadata?.annotations as Record<string, string> | undefined)?.['helm.sh/hook'];
        if (hook !== undefined && !(helm.skipTests && /\btest(-success|-failure)?\b/.test(hook))) hooks.push(o);
        else if (hook === undefined) manifests.push(o);
      }
    }
  }
  const kindOf = (o: KubeObject): string => String(o.kind ?? '');
  return [...crds, ...sortByKind(manifests, kindOf), ...sortByKind(hooks, kindOf)];
}
