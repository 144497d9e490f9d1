/**
 * validate.Workflow / WorkflowTemplate / ClusterWorkflowTemplate / CronWorkflow: the first problem of an object,
 * worded like `argo lint` and the controller's `invalid spec: …`.
 */
import { isObj } from '../../cluster/types.js';
import { parseSchedule } from '../../cluster/controllers/cronjob/schedule.js';
import { dict, fail, list, str, templatesOf, LintFailure } from './context.js';
import type { Base, Dict, HolderSource, LintCtx } from './context.js';
import { fieldNamesError } from './names.js';
import { validateArguments, validateHooks, validateTemplateHolder } from './template.js';

export interface LintOptions {
  /** Lint mode (`argo lint`): arguments may lack values. */
  lint?: boolean;
}

interface Meta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

function metaOf(obj: Dict): Meta {
  return dict(obj.metadata) as Meta;
}

const PODGC = new Set(['', 'OnPodCompletion', 'OnPodSuccess', 'OnWorkflowCompletion', 'OnWorkflowSuccess']);

/** validate.Workflow over a spec (with the holder's labels/annotations). Throws LintFailure. */
function validateWorkflowSpec(source: HolderSource, meta: Meta, spec: Dict, opts: { wftValidation: boolean; ignoreEntrypoint: boolean; lint: boolean }): void {
  const namespace = meta.namespace ?? 'default';
  const ctx: LintCtx = { source, namespace, globals: new Set(), results: new Set(), wftValidation: opts.wftValidation };
  if ((meta.name ?? '').length > 63) fail(`workflow name "${meta.name}" must not be more than 63 characters long (currently ${(meta.name ?? '').length})`);
  let entrypoint = str(spec.entrypoint);
  const ref = isObj(spec.workflowTemplateRef) ? spec.workflowTemplateRef : undefined;
  let holderSpec: Dict | undefined;
  let holderBase: Base | undefined;
  if (ref) {
    if (list(spec.templates).length > 0) fail('Templates is invalid field in spec if workflow referred WorkflowTemplate reference');
    const kind = ref.clusterScope === true ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate';
    const holder = source.get(kind, namespace, str(ref.name));
    if (!holder) fail(`${kind === 'WorkflowTemplate' ? 'workflowtemplates' : 'clusterworkflowtemplates'}.argoproj.io "${str(ref.name)}" not found`);
    holderSpec = dict(holder!.spec);
    holderBase = { kind, name: str(ref.name), spec: holderSpec };
    if (!entrypoint) entrypoint = str(holderSpec.entrypoint);
  }
  const base: Base = { kind: 'Workflow', name: meta.name ?? '', spec };
  const namesErr = fieldNamesError(list(spec.templates), false);
  const args: Dict = { ...dict(spec.arguments) };
  if (holderSpec) {
    const hArgs = dict(holderSpec.arguments);
    const mergeByName = (a: unknown[], b: unknown[]) => [...a, ...b.filter((x) => isObj(x) && !a.some((y) => isObj(y) && y.name === x.name))];
    args.parameters = mergeByName(list(args.parameters), list(hArgs.parameters));
    args.artifacts = mergeByName(list(args.artifacts), list(hArgs.artifacts));
  }
  if (namesErr) fail(`spec.templates${namesErr}`, 'spec.templates');
  validateArguments('spec.arguments.', args, opts.lint || opts.wftValidation);
  const params = list(args.parameters).filter(isObj);
  if (params.length) ['workflow.parameters', 'workflow.parameters.json'].forEach((g) => ctx.globals.add(g));
  for (const p of params) if (str(p.name)) ctx.globals.add(`workflow.parameters.${str(p.name)}`);
  const md = dict(spec.workflowMetadata);
  const hmd = dict(holderSpec?.workflowMetadata);
  for (const k of [...Object.keys(meta.annotations ?? {}), ...Object.keys(dict(md.annotations)), ...Object.keys(dict(hmd.annotations))]) ctx.globals.add(`workflow.annotations.${k}`);
  for (const k of [...Object.keys(meta.labels ?? {}), ...Object.keys(dict(md.labels)), ...Object.keys(dict(md.labelsFrom)), ...Object.keys(dict(hmd.labels)), ...Object.keys(dict(hmd.labelsFrom))]) {
    ctx.globals.add(`workflow.labels.${k}`);
  }
  for (const g of ['workflow.annotations', 'workflow.annotations.json', 'workflow.labels', 'workflow.labels.json', 'workflow.status']) ctx.globals.add(g);
  for (const g of ['workflow.name', 'workflow.namespace', 'workflow.mainEntrypoint', 'workflow.serviceAccountName', 'workflow.uid', 'workflow.creationTimestamp']) ctx.globals.add(g);
  if (spec.priority !== undefined) ctx.globals.add('workflow.priority');
  if (!opts.ignoreEntrypoint && !entrypoint) fail('spec.entrypoint is required', 'spec.entrypoint');
  if (!opts.ignoreEntrypoint) {
    const holder: Dict = holderBase ? { templateRef: { name: holderBase.name, template: entrypoint, clusterScope: holderBase.kind === 'ClusterWorkflowTemplate' } } : { template: entrypoint };
    validateTemplateHolder(ctx, holder, base, opts.wftValidation ? 'fake' : args);
  }
  const onExit = str(spec.onExit) || str(holderSpec?.onExit);
  if (onExit) {
    ctx.globals.add('workflow.failures');
    const holder: Dict = holderBase ? { templateRef: { name: holderBase.name, template: onExit, clusterScope: holderBase.kind === 'ClusterWorkflowTemplate' } } : { template: onExit };
    validateTemplateHolder(ctx, holder, base, dict(spec.arguments));
  }
  validateHooks(spec.hooks, 'hooks');
  const gc = dict(spec.podGC);
  if (!PODGC.has(str(gc.strategy))) fail(`podGC.strategy unknown strategy '${str(gc.strategy)}'`, 'spec.podGC.strategy');
  const all = holderBase ? templatesOf(holderBase.spec) : templatesOf(spec);
  for (const t of all) {
    const holder: Dict = holderBase ? { templateRef: { name: holderBase.name, template: t.name, clusterScope: holderBase.kind === 'ClusterWorkflowTemplate' } } : { template: t.name };
    try {
      validateTemplateHolder(ctx, holder, base, 'fake');
    } catch (e) {
      if (e instanceof LintFailure) throw new LintFailure(`templates.${str(t.name)} ${e.message}`, e.path);
      throw e;
    }
  }
}

export interface LintError {
  message: string;
  /** Field path of the problem when known (e.g. `spec.entrypoint`), for locating it in a file. */
  path?: string;
}

function run(fn: () => void): LintError[] {
  try {
    fn();
    return [];
  } catch (e) {
    if (e instanceof LintFailure) return [e.path ? { message: e.message, path: e.path } : { message: e.message }];
    throw e;
  }
}

export function lintWorkflowWith(source: HolderSource, obj: Dict, opts: LintOptions = {}): LintError[] {
  return run(() => validateWorkflowSpec(source, metaOf(obj), dict(obj.spec), { wftValidation: false, ignoreEntrypoint: false, lint: opts.lint ?? false }));
}

/** WorkflowTemplate / ClusterWorkflowTemplate: validated as a workflow whose entrypoint may be empty. */
export function lintTemplateWith(source: HolderSource, obj: Dict): LintError[] {
  const meta = metaOf(obj);
  const spec = dict(obj.spec);
  return run(() => {
    const what = obj.kind === 'ClusterWorkflowTemplate' ? 'cluster workflow template' : 'workflow template';
    if ((meta.name ?? '').length > 63) fail(`${what} name "${meta.name}" must not be more than 63 characters long (currently ${(meta.name ?? '').length})`);
    validateWorkflowSpec(source, { ...meta, name: '' }, spec, { wftValidation: true, ignoreEntrypoint: str(spec.entrypoint) === '', lint: true });
  });
}

/** The schedules a CronWorkflow runs on (`schedules`, or the legacy single `schedule`). */
export function cronSchedules(spec: Dict): string[] {
  const list2 = list(spec.schedules).map(str).filter(Boolean);
  return list2.length ? list2 : str(spec.schedule) ? [str(spec.schedule)] : [];
}

export function lintCronWorkflowWith(source: HolderSource, obj: Dict): LintError[] {
  const meta = metaOf(obj);
  const spec = dict(obj.spec);
  return run(() => {
    if ((meta.name ?? '').length > 52) fail(`cron workflow name "${meta.name}" must not be more than 52 characters long (currently ${(meta.name ?? '').length})`);
    const schedules = cronSchedules(spec);
    if (schedules.length === 0) fail('cron workflow must have at least one schedule', 'spec.schedules');
    const tz = str(spec.timezone);
    if (tz) {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
      } catch {
        fail(`invalid timezone "${tz}": unknown time zone ${tz}`, 'spec.timezone');
      }
    }
    for (const s of schedules) {
      try {
        parseSchedule(s, tz || undefined);
      } catch (e) {
        fail(`cron schedule ${s} is malformed: ${e instanceof Error ? e.message : String(e)}`, 'spec.schedules');
      }
    }
    if (!['', 'Allow', 'Forbid', 'Replace'].includes(str(spec.concurrencyPolicy))) fail(`'${str(spec.concurrencyPolicy)}' is not a valid concurrencyPolicy`, 'spec.concurrencyPolicy');
    if (typeof spec.startingDeadlineSeconds === 'number' && spec.startingDeadlineSeconds < 0) fail('startingDeadlineSeconds must be positive', 'spec.startingDeadlineSeconds');
    const wfSpec = dict(spec.workflowSpec);
    try {
      validateWorkflowSpec(source, { ...meta, name: '' }, wfSpec, { wftValidation: false, ignoreEntrypoint: false, lint: false });
    } catch (e) {
      if (e instanceof LintFailure) throw new LintFailure(`cannot validate Workflow: ${e.message}`, e.path?.replace(/^spec\./, 'spec.workflowSpec.'));
      throw e;
    }
  });
}
