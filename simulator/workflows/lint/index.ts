/**
 * `argo lint` for the sandbox: Argo's validate.go rules and messages for Workflow, WorkflowTemplate,
 * ClusterWorkflowTemplate and CronWorkflow; errors placed at file/line when the source text is known.
 */
import type { ObjectStore } from '../../cluster/store/index.js';
import type { LocatedError } from '../../core/errors.js';
import { locateIn } from '../../manifest/locate.js';
import { parseManifests } from '../../manifest/parse.js';
import type { ParsedManifest } from '../../manifest/parse.js';
import { dict, str } from './context.js';
import type { Dict, HolderSource } from './context.js';
import { lintCronWorkflowWith, lintTemplateWith, lintWorkflowWith } from './workflow.js';
import type { LintError, LintOptions } from './workflow.js';

export type { LintError, LintOptions } from './workflow.js';
export type { HolderSource } from './context.js';
export { cronSchedules } from './workflow.js';
export { taskDependencies } from './dag.js';
export { tagsOf } from './variables.js';

const WF_API = 'argoproj.io/v1alpha1';

/** Templates from the store (the controller's view). */
export function storeSource(store: ObjectStore): HolderSource {
  return {
    get(kind, namespace, name) {
      const o = store.get(kind === 'ClusterWorkflowTemplate' ? { apiVersion: WF_API, kind, name } : { apiVersion: WF_API, kind, namespace, name });
      return o as Dict | undefined;
    },
  };
}

/** Templates from a set of objects (files being linted), falling back to another source. */
export function objectsSource(objects: Dict[], fallback?: HolderSource): HolderSource {
  return {
    get(kind, namespace, name) {
      const o = objects.find((x) => x.kind === kind && str(dict(x.metadata).name) === name && (kind === 'ClusterWorkflowTemplate' || (str(dict(x.metadata).namespace) || namespace) === namespace));
      return o ?? fallback?.get(kind, namespace, name);
    },
  };
}

const asSource = (s: ObjectStore | HolderSource | undefined): HolderSource =>
  s === undefined ? objectsSource([]) : 'get' in s && !('mustGet' in s) ? s : storeSource(s as ObjectStore);

/** The first problem of a Workflow (empty when valid): what the controller reports as `invalid spec: …`. */
export function lintWorkflow(obj: unknown, store?: ObjectStore | HolderSource, opts: LintOptions = {}): LintError[] {
  return lintWorkflowWith(asSource(store), dict(obj), opts);
}

/** WorkflowTemplate or ClusterWorkflowTemplate. */
export function lintTemplate(obj: unknown, store?: ObjectStore | HolderSource): LintError[] {
  return lintTemplateWith(asSource(store), dict(obj));
}

export function lintCronWorkflow(obj: unknown, store?: ObjectStore | HolderSource): LintError[] {
  return lintCronWorkflowWith(asSource(store), dict(obj));
}

export const LINTED_KINDS = new Set(['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow']);

/** Lint any Argo Workflows object by kind; other kinds have nothing to say. */
export function lintObject(obj: unknown, store?: ObjectStore | HolderSource, opts: LintOptions = {}): LintError[] {
  const o = dict(obj);
  switch (o.kind) {
    case 'Workflow':
      return lintWorkflow(o, store, opts);
    case 'WorkflowTemplate':
    case 'ClusterWorkflowTemplate':
      return lintTemplate(o, store);
    case 'CronWorkflow':
      return lintCronWorkflow(o, store);
    default:
      return [];
  }
}

/** Field path named in an Argo message (`templates.main.steps[0].x …`) → path in the manifest. */
function pathFromMessage(m: ParsedManifest, message: string): string | undefined {
  const spec = dict(m.object.spec);
  const root = m.object.kind === 'CronWorkflow' ? 'spec.workflowSpec' : 'spec';
  const s = m.object.kind === 'CronWorkflow' ? dict(spec.workflowSpec) : spec;
  const templates = Array.isArray(s.templates) ? (s.templates as Dict[]) : [];
  const match = /templates\.([A-Za-z0-9-]+)(\.steps\[(\d+)\]\.([A-Za-z0-9-{}.]+)|\.tasks\.([A-Za-z0-9-]+))?/.exec(message.replace(/^cannot validate Workflow: /, ''));
  if (!match) return undefined;
  const ti = templates.findIndex((t) => t.name === match[1]);
  if (ti < 0) return undefined;
  const tp = `${root}.templates[${ti}]`;
  const t = templates[ti];
  if (match[3] !== undefined) {
    const gi = Number(match[3]);
    const group = Array.isArray(t.steps) ? t.steps[gi] : undefined;
    const si = Array.isArray(group) ? group.findIndex((x) => dict(x).name === match[4]) : -1;
    return si >= 0 ? `${tp}.steps[${gi}][${si}]` : `${tp}.steps[${gi}]`;
  }
  if (match[5] !== undefined) {
    const tasks = Array.isArray(dict(t.dag).tasks) ? (dict(t.dag).tasks as Dict[]) : [];
    const ki = tasks.findIndex((x) => x.name === match[5]);
    return ki >= 0 ? `${tp}.dag.tasks[${ki}]` : `${tp}.dag`;
  }
  return tp;
}

/** Lint parsed manifests (templates among them resolve each other's templateRefs); errors at file/line. */
export function lintManifests(manifests: ParsedManifest[], store?: ObjectStore, opts: LintOptions = { lint: true }): LocatedError[] {
  const source = objectsSource(
    manifests.map((m) => m.object as unknown as Dict),
    store ? storeSource(store) : undefined,
  );
  const out: LocatedError[] = [];
  for (const m of manifests) {
    if (!LINTED_KINDS.has(m.object.kind)) continue;
    for (const e of lintObject(m.object, source, opts)) {
      const path = e.path ?? pathFromMessage(m, e.message);
      const at = path ? locateIn(m, path) : { line: m.line, column: m.column };
      const le: LocatedError = { file: m.file, line: at.line, column: at.column, message: e.message };
      if (path) le.path = path;
      out.push(le);
    }
  }
  return out;
}

/** Lint YAML text (multi-document): parse errors and lint errors, each at its file/line/column. */
export function lintText(text: string, file?: string, store?: ObjectStore): LocatedError[] {
  const parsed = parseManifests(text, file);
  return [...parsed.errors, ...lintManifests(parsed.manifests, store)];
}
