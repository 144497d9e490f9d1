/** validateTemplateHolder / validateTemplate / validateLeaf and the inputs, outputs and arguments checks. */
import { isObj } from '../../cluster/types.js';
import { load } from 'js-yaml';
import { dict, fail, isLeaf, isPodType, list, str, templateNamed, typeOf, wrap, LintFailure } from './context.js';
import type { Base, Dict, LintCtx } from './context.js';
import { fieldNamesError, isParameter, paramNameProblems } from './names.js';
import { validateDag } from './dag.js';
import { validateSteps } from './steps.js';
import { jsonText, unresolved } from './variables.js';
import type { Scope } from './variables.js';

/** Arguments to check inputs against: the real ones, or FakeArguments (everything supplied). */
export type Args = Dict | 'fake';

const RETRY_POLICIES = new Set(['Always', 'OnError', 'OnFailure', 'OnTransientError', '']);

export interface Resolved {
  tmpl: Dict;
  base: Base;
}

/** validateTemplateHolder: resolve a `template` / `templateRef` / `inline` reference, then validate the template. */
export function validateTemplateHolder(ctx: LintCtx, holder: Dict, base: Base, args: Args): Resolved | undefined {
  const ref = isObj(holder.templateRef) ? holder.templateRef : undefined;
  const name = str(holder.template);
  let tmpl: Dict | undefined;
  let nextBase = base;
  if (ref) {
    if (name) fail('template name cannot be specified with templateRef');
    if (!str(ref.name)) fail('resource name is required');
    if (!str(ref.template)) fail('template name is required');
    if (jsonText(ref).includes('{{')) return undefined; // resolved at runtime
    const kind = ref.clusterScope === true ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate';
    const found = ctx.source.get(kind, ctx.namespace, str(ref.name));
    const spec = found ? dict(found.spec) : undefined;
    tmpl = spec ? templateNamed(ctx, spec, str(ref.template)) : undefined;
    if (!tmpl || !spec) return fail(`template reference ${str(ref.name)}.${str(ref.template)} not found`);
    nextBase = { kind, name: str(ref.name), spec };
  } else if (name) {
    tmpl = templateNamed(ctx, base.spec, name);
    if (!tmpl) return fail(`template name '${name}' undefined`);
  } else if (isObj(holder.inline)) {
    tmpl = holder.inline;
  } else {
    return fail('template name is required');
  }
  const policy = str(dict(tmpl.retryStrategy).retryPolicy);
  if (isObj(tmpl.retryStrategy) && !RETRY_POLICIES.has(policy)) fail(`${policy} is not a valid RetryPolicy`);
  validateTemplate(ctx, tmpl, nextBase, args);
  return { tmpl, base: nextBase };
}

function inputsScope(tmpl: Dict): Scope {
  const tn = str(tmpl.name);
  const inputs = dict(tmpl.inputs);
  let e = fieldNamesError(list(inputs.parameters), true);
  if (e) fail(`templates.${tn}.inputs.parameters${e}`);
  e = fieldNamesError(list(inputs.artifacts), true);
  if (e) fail(`templates.${tn}.inputs.artifacts${e}`);
  const scope: Scope = new Set();
  const params = list(inputs.parameters).filter(isObj);
  for (const p of params) scope.add(`inputs.parameters.${str(p.name)}`);
  if (params.length) scope.add('inputs.parameters');
  for (const a of list(inputs.artifacts).filter(isObj)) {
    const ref = `inputs.artifacts.${str(a.name)}`;
    scope.add(ref);
    if (isLeaf(tmpl)) scope.add(`${ref}.path`);
    else if (str(a.path)) fail(`templates.${tn}.${ref}.path only valid in container/script templates`);
    if (str(a.from)) fail(`templates.${tn}.${ref}.from not valid in inputs`);
    if (isObj(a.git) && !str(a.git.repo)) fail(`templates.${tn}.${ref}.git.repo is required`);
  }
  return scope;
}

/** The input checks of ProcessArgs: each input parameter needs a value, each required artifact an argument. */
function processArgs(tmpl: Dict, args: Args): void {
  const inputs = dict(tmpl.inputs);
  const argParams = args === 'fake' ? [] : list(dict(args).parameters).filter(isObj);
  const argArts = args === 'fake' ? [] : list(dict(args).artifacts).filter(isObj);
  for (const p of list(inputs.parameters).filter(isObj)) {
    if (args === 'fake') continue;
    // overwriteWithDefaultParams, then overwriteWithArguments: an argument brings its value or its valueFrom.
    let value = p.value ?? p.default;
    let valueFrom = p.valueFrom;
    const arg = argParams.find((a) => a.name === p.name);
    if (arg) {
      value = arg.value;
      valueFrom = arg.value === undefined ? arg.valueFrom : undefined;
    }
    if (value === undefined && !isObj(dict(valueFrom).configMapKeyRef)) fail(`inputs.parameters.${str(p.name)} was not supplied`);
  }
  for (const a of list(inputs.artifacts).filter(isObj)) {
    if (args === 'fake' || a.optional === true || hasLocationOrKey(a)) continue;
    if (!argArts.some((x) => x.name === a.name)) fail(`inputs.artifacts.${str(a.name)} was not supplied`);
  }
}

const LOCATIONS = ['s3', 'git', 'http', 'artifactory', 'hdfs', 'raw', 'oss', 'gcs', 'azure', 'plugin'];
export const hasLocationOrKey = (a: Dict): boolean => LOCATIONS.some((l) => a[l] !== undefined) || str(a.key) !== '';

/** Arguments whose checks depend on the template alone: FakeArguments, or none at all. */
function argsClass(args: Args): string | undefined {
  if (args === 'fake') return 'fake';
  const a = dict(args);
  return list(a.parameters).length === 0 && list(a.artifacts).length === 0 ? 'none' : undefined;
}

export function validateTemplate(ctx: LintCtx, tmpl: Dict, base: Base, args: Args): void {
  const tn = str(tmpl.name);
  const key = `${base.kind}/${base.name}/${tn}`;
  const cls = argsClass(args);
  if (cls !== undefined && ctx.results.has(key) && ctx.passed?.get(tmpl)?.has(cls)) return;
  const types = ['container', 'containerSet', 'steps', 'script', 'resource', 'dag', 'suspend', 'data', 'http', 'plugin'].filter((k) => tmpl[k] !== undefined && tmpl[k] !== null);
  const choose = 'choose one of: container, containerSet, steps, script, resource, dag, suspend, template, template ref';
  if (types.length === 0) fail(`templates.${tn} template type unspecified. ${choose}`);
  if (types.length > 1) fail(`templates.${tn} multiple template types specified. ${choose}`);
  const scope = inputsScope(tmpl);
  for (const c of list(tmpl.initContainers)) if (!str(dict(c).name)) fail('initContainers must all have container name');
  if (isPodType(tmpl)) scope.add('pod.name');
  if (isObj(tmpl.retryStrategy)) for (const r of ['retries', 'retries.lastExitCode', 'retries.lastStatus', 'retries.lastDuration', 'retries.lastMessage']) scope.add(r);
  if (isLeaf(tmpl)) {
    const outputs = dict(tmpl.outputs);
    for (const a of list(outputs.artifacts).filter(isObj)) if (str(a.path)) scope.add(`outputs.artifacts.${str(a.name)}.path`);
    for (const p of list(outputs.parameters).filter(isObj)) if (str(dict(p.valueFrom).path)) scope.add(`outputs.parameters.${str(p.name)}.path`);
  }
  wrap((m) => `templates.${tn} ${m}`, () => processArgs(tmpl, args));

  const timeout = str(tmpl.timeout);
  if (timeout) {
    if (!isLeaf(tmpl)) fail(`${typeOf(tmpl) ?? ''} template doesn't support timeout field`);
    if (/^[-+]?\d+$/.test(timeout)) fail(`${tn} has invalid duration format in timeout`);
  }
  if (cls !== undefined) {
    const passed = (ctx.passed ??= new WeakMap());
    let set = passed.get(tmpl);
    if (!set) passed.set(tmpl, (set = new Set()));
    set.add(cls);
  }
  if (ctx.results.has(key)) return;
  ctx.results.add(key);
  for (const g of ctx.globals) scope.add(g);
  const t = typeOf(tmpl);
  if (t === 'steps') validateSteps(ctx, scope, base, tmpl);
  else if (t === 'dag') validateDag(ctx, scope, base, tmpl);
  else validateLeaf(ctx, scope, base, tmpl);
  validateOutputs(ctx, scope, tmpl);
}

function nonLeaf(tmpl: Dict): void {
  if (tmpl.activeDeadlineSeconds !== undefined) fail(`templates.${str(tmpl.name)}.activeDeadlineSeconds is only valid for leaf templates`);
}
export { nonLeaf as validateNonLeaf };

function defaultsImage(base: Base, field: 'container' | 'script'): boolean {
  return str(dict(dict(base.spec.templateDefaults)[field]).image) !== '';
}

function validateLeaf(ctx: LintCtx, scope: Scope, base: Base, tmpl: Dict): void {
  const tn = str(tmpl.name);
  const bad = unresolved(scope, ctx.globals, jsonText(tmpl), ctx.wftValidation);
  if (bad) fail(`templates.${tn}: ${bad}`);
  if (isObj(tmpl.container)) {
    const mounts = new Map<string, string>();
    list(tmpl.container.volumeMounts).filter(isObj).forEach((m, i) => {
      const prev = mounts.get(str(m.mountPath));
      if (prev) fail(`templates.${tn}.container.volumeMounts[${i}].mountPath '${str(m.mountPath)}' already mounted in ${prev}`);
      mounts.set(str(m.mountPath), `container.volumeMounts.${str(m.name)}`);
    });
    list(dict(tmpl.inputs).artifacts).filter(isObj).forEach((a, i) => {
      const prev = mounts.get(str(a.path));
      if (prev) fail(`templates.${tn}.inputs.artifacts[${i}].path '${str(a.path)}' already mounted in ${prev}`);
      mounts.set(str(a.path), `inputs.artifacts.${str(a.name)}`);
    });
    if (!str(tmpl.container.image) && !defaultsImage(base, 'container')) fail(`templates.${tn}.container.image may not be empty`);
  }
  if (isObj(tmpl.resource)) {
    const action = str(tmpl.resource.action);
    if (!['get', 'create', 'apply', 'delete', 'replace', 'patch'].includes(action) && !isParameter(action)) {
      fail(`templates.${tn}.resource.action must be one of: get, create, apply, delete, replace, patch`);
    }
    if (action !== 'delete' && action !== 'get') {
      const manifest = str(tmpl.resource.manifest);
      if (!manifest && !isObj(tmpl.resource.manifestFrom)) fail(`either templates.${tn}.resource.manifest or templates.${tn}.resource.manifestFrom must be specified`);
      if (manifest && isObj(tmpl.resource.manifestFrom)) fail('shouldn\'t have both `manifest` and `manifestFrom` specified in `Manifest` for resource template');
      if (manifest) {
        try {
          // Tags are placeholders by now (ProcessArgs substituted them), so they never break the YAML.
          load(manifest.replace(/{{[^}]*}}/g, 'placeholder'));
        } catch {
          fail(`templates.${tn}.resource.manifest must be a valid yaml`);
        }
      }
    }
  }
  if (isObj(tmpl.script) && !str(tmpl.script.image) && !defaultsImage(base, 'script')) fail(`templates.${tn}.script.image may not be empty`);
  if (tmpl.activeDeadlineSeconds !== undefined) {
    const v = tmpl.activeDeadlineSeconds;
    const ok = typeof v === 'number' ? v >= 0 : /^\d+$/.test(str(v)) || isParameter(str(v)) || str(v).startsWith('{{');
    if (!ok) fail(`templates.${tn}.activeDeadlineSeconds must be a positive integer > 0 or an argo variable`);
  }
  if (tmpl.parallelism !== undefined) fail(`templates.${tn}.parallelism is only valid for steps and dag templates`);
}

function validateOutputs(ctx: LintCtx, scope: Scope, tmpl: Dict): void {
  const tn = str(tmpl.name);
  const outputs = dict(tmpl.outputs);
  let e = fieldNamesError(list(outputs.parameters), true);
  if (e) fail(`templates.${tn}.outputs.parameters ${e}`);
  e = fieldNamesError(list(outputs.artifacts), true);
  if (e) fail(`templates.${tn}.outputs.artifacts ${e}`);
  const bad = unresolved(scope, ctx.globals, jsonText(outputs), ctx.wftValidation);
  if (bad) fail(`templates.${tn}.outputs ${bad}`);
  for (const a of list(outputs.artifacts).filter(isObj)) {
    const ref = `outputs.artifacts.${str(a.name)}`;
    if (!isLeaf(tmpl) && str(a.path)) fail(`templates.${tn}.${ref}.path only valid in container/script templates`);
    const g = str(a.globalName);
    if (g && !isParameter(g) && paramNameProblems(g).length) fail(`templates.${tn}.${ref}.globalName: ${paramNameProblems(g)[0]}`);
  }
  const t = typeOf(tmpl) ?? '';
  for (const p of list(outputs.parameters).filter(isObj)) {
    const ref = `templates.${tn}.outputs.parameters.${str(p.name)}`;
    outputParameter(ref, p);
    const vf = isObj(p.valueFrom) ? p.valueFrom : undefined;
    if (vf) {
      if ((t === 'container' || t === 'containerSet' || t === 'script') && !str(vf.path)) fail(`${ref}.path must be specified for ${t} templates`);
      if (t === 'resource' && !str(vf.jqFilter) && !str(vf.jsonPath)) fail(`${ref} .jqFilter or jsonPath must be specified for ${t} templates`);
      if (t === 'dag' || t === 'steps') {
        if (!str(vf.parameter) && !str(vf.expression)) fail(`${ref}.parameter or expression must be specified for ${t} templates`);
        if (str(vf.parameter) && str(vf.expression)) fail(`${ref} shouldn't have both \`from\` and \`expression\` specified in \`ValueFrom\` for ${t} templates`);
      }
    }
    const g = str(p.globalName);
    if (g && !isParameter(g) && paramNameProblems(g).length) fail(`${ref}.globalName: ${paramNameProblems(g)[0]}`);
  }
}

function outputParameter(ref: string, p: Dict): void {
  if (p.valueFrom !== undefined && p.value !== undefined) fail(`${ref} has both valueFrom and value specified, choose one`);
  if (p.value !== undefined) return;
  if (!isObj(p.valueFrom)) return fail(`${ref} does not have valueFrom or value specified`);
  const vf = p.valueFrom;
  const n = ['path', 'jqFilter', 'jsonPath', 'parameter', 'expression'].filter((k) => str(vf[k]) !== '').length + (vf.supplied !== undefined ? 1 : 0);
  if (n === 0) fail('valueFrom type unspecified. choose one of: path, jqFilter, jsonPath, parameter, raw, expression');
  if (n > 1) fail('multiple valueFrom types specified. choose one of: path, jqFilter, jsonPath, parameter, raw');
}

/** validateArguments: names, then values (unless empty values are allowed, as for lint of templates). */
export function validateArguments(prefix: string, args: Dict, allowEmpty: boolean): void {
  for (const f of ['parameters', 'artifacts'] as const) {
    const e = fieldNamesError(list(args[f]), true);
    if (e) fail(`${prefix}${f}${e}`);
  }
  for (const p of list(args.parameters).filter(isObj)) {
    const n = str(p.name);
    if (p.valueFrom === undefined && p.value === undefined && !allowEmpty) fail(`${prefix}${n}.value or ${prefix}${n}.valueFrom is required`);
    if (isObj(p.valueFrom)) {
      const vf = p.valueFrom;
      const allowed = isObj(vf.configMapKeyRef) || str(vf.event) !== '' || vf.supplied !== undefined;
      const forbidden = ['path', 'jsonPath', 'parameter', 'expression'].some((k) => str(vf[k]) !== '');
      if (!allowed || forbidden) fail(`${prefix}${n}.valueFrom only allows: default, configMapKeyRef and supplied`);
    }
    if (Array.isArray(p.enum)) {
      if (p.enum.length === 0) fail(`${prefix}${n}.enum should contain at least one value`);
      if (p.value === undefined) {
        if (allowEmpty) return;
        fail(`${prefix}${n}.value is required`);
      }
      if (!p.enum.map(str).includes(str(p.value))) fail(`${prefix}${n}.value should be present in ${prefix}${n}.enum list`);
    }
  }
  for (const a of list(args.artifacts).filter(isObj)) {
    const n = str(a.name);
    if (!str(a.from) && !hasLocationOrKey(a) && !str(a.fromExpression)) fail(`${prefix}${n}.from, artifact location, or key is required`);
    if (str(a.from) && str(a.fromExpression)) fail(`${prefix}${n} shouldn't have both \`from\` and \`fromExpression\` in Artifact`);
  }
}

/** validateHooks: every hook but `exit` needs an expression. */
export function validateHooks(hooks: unknown, baseName: string): void {
  for (const [name, h] of Object.entries(dict(hooks))) if (name !== 'exit' && !str(dict(h).expression)) fail(`${baseName}.${name} Expression required`);
}

export { LintFailure };
