/**
 * JoinWorkflowSpec (workflow/util/merge.go): the spec a workflow runs with when it references a
 * WorkflowTemplate. Precedence: Workflow > WorkflowTemplate > controller workflowDefaults, merged like Go's
 * strategic merge patch over WorkflowSpec (lists keyed by their patchMergeKey, other lists replaced).
 */
import { clone, isObj } from '../../cluster/types.js';

export type Dict = Record<string, unknown>;

/** patchMergeKey of list fields in WorkflowSpec / Template / Container (the Go types' struct tags). */
const MERGE_KEYS: Record<string, string> = {
  templates: 'name',
  parameters: 'name',
  artifacts: 'name',
  volumes: 'name',
  tolerations: 'key',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  tasks: 'name',
  initContainers: 'name',
  sidecars: 'name',
  containers: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
};

/**
 * Omitted-empty in Go's JSON (strings, slices, maps): such values on the higher-priority side never override.
 * Booleans and numbers are pointers in WorkflowSpec, so `false` and `0` do override.
 */
function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0);
}

function setOwn(o: Dict, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** Strategic merge of `over` onto `base`: `over` wins field by field; keyed lists merge item by item. */
export function strategicMergeSpec(base: unknown, over: unknown, field = ''): unknown {
  if (Array.isArray(over)) {
    const key = MERGE_KEYS[field];
    if (!key || !Array.isArray(base)) return clone(over);
    const out = base.map((x) => clone(x));
    for (const item of over) {
      if (!isObj(item)) continue;
      const i = out.findIndex((t) => isObj(t) && t[key] === item[key]);
      if (i >= 0) out[i] = strategicMergeSpec(out[i], item);
      else out.push(clone(item));
    }
    return out;
  }
  if (!isObj(over)) return clone(over);
  const out: Dict = isObj(base) ? clone(base) : {};
  for (const [k, v] of Object.entries(over)) {
    // Go marshals omitempty zero values away: they cannot override anything.
    if (isEmpty(v)) continue;
    setOwn(out, k, strategicMergeSpec(out[k], v, k));
  }
  return out;
}

/** MergeTo(patch, target): target's fields win; `hooks` and `workflowMetadata.labelsFrom` are added per key, never merged. */
export function mergeTo(patch: Dict, target: Dict): Dict {
  const p = clone(patch);
  const hooks = isObj(p.hooks) ? p.hooks : undefined;
  delete p.hooks;
  const md = isObj(p.workflowMetadata) ? p.workflowMetadata : undefined;
  const labelsFrom = md && isObj(md.labelsFrom) ? md.labelsFrom : undefined;
  if (md) delete md.labelsFrom;
  const merged = strategicMergeSpec(p, target) as Dict;
  if (hooks) {
    const into: Dict = isObj(merged.hooks) ? (merged.hooks as Dict) : {};
    for (const [k, v] of Object.entries(hooks)) if (!(k in into)) setOwn(into, k, v);
    merged.hooks = into;
  }
  if (labelsFrom) {
    const wm: Dict = isObj(merged.workflowMetadata) ? (merged.workflowMetadata as Dict) : {};
    const into: Dict = isObj(wm.labelsFrom) ? (wm.labelsFrom as Dict) : {};
    for (const [k, v] of Object.entries(labelsFrom)) if (!(k in into)) setOwn(into, k, v);
    wm.labelsFrom = into;
    merged.workflowMetadata = wm;
  }
  return merged;
}

const hasValue = (p: Dict): boolean => p.value !== undefined || p.default !== undefined || p.valueFrom !== undefined;

function argList(spec: Dict | undefined, field: 'parameters' | 'artifacts'): Dict[] {
  const args = spec && isObj(spec.arguments) ? spec.arguments : undefined;
  const list = args && Array.isArray(args[field]) ? args[field] : [];
  return (list as unknown[]).filter(isObj);
}

/** The storage backend an artifact uses (s3, git, http, raw…), for the same-backend field merge. */
const LOCATIONS = ['s3', 'git', 'http', 'artifactory', 'hdfs', 'raw', 'oss', 'gcs', 'azure', 'plugin'];
const locationOf = (a: Dict): string | undefined => LOCATIONS.find((l) => a[l] !== undefined);

/** mergeArtifactOverride: same backend → location fields merge (override wins); otherwise override replaces. */
function mergeArtifact(base: Dict, override: Dict): Dict {
  const bl = locationOf(base);
  const ol = locationOf(override);
  const out = clone(override);
  if (bl && bl === ol) out[bl] = strategicMergeSpec(base[bl], override[bl]);
  return out;
}

/**
 * The effective spec: workflow spec over template spec over defaults. Arguments keep the highest-priority
 * definition of each parameter whole (value, default and valueFrom never mix across levels); `suspend` is
 * always the workflow's own.
 */
export function joinWorkflowSpec(wfSpec: Dict, wftSpec?: Dict, defaultSpec?: Dict): Dict {
  let target = clone(wfSpec);
  if (wftSpec) target = mergeTo(wftSpec, target);
  if (defaultSpec) target = mergeTo(defaultSpec, target);
  if (wfSpec.suspend === undefined) delete target.suspend;
  else target.suspend = wfSpec.suspend;

  const args = isObj(target.arguments) ? target.arguments : undefined;
  if (args && Array.isArray(args.parameters)) {
    const wfParams = new Map(argList(wfSpec, 'parameters').filter(hasValue).map((p) => [p.name, p]));
    const wftParams = new Map(argList(wftSpec, 'parameters').filter(hasValue).map((p) => [p.name, p]));
    args.parameters = (args.parameters as unknown[]).map((p) => {
      if (!isObj(p) || !hasValue(p)) return p;
      const pick = wfParams.get(p.name) ?? wftParams.get(p.name);
      return pick ? clone(pick) : p;
    });
  }
  if (args && Array.isArray(args.artifacts)) {
    const wfArts = new Map(argList(wfSpec, 'artifacts').map((a) => [a.name, a]));
    const wftArts = new Map(argList(wftSpec, 'artifacts').map((a) => [a.name, a]));
    args.artifacts = (args.artifacts as unknown[]).map((a) => {
      if (!isObj(a)) return a;
      const over = wfArts.get(a.name) ?? wftArts.get(a.name);
      return over ? mergeArtifact(a, over) : a;
    });
  }
  return target;
}

/** mergeMetaDataTo: labels and annotations from `from` that `to` does not have yet. */
export function joinMetadata<M extends { labels?: Record<string, string>; annotations?: Record<string, string> }>(to: M, from?: { labels?: Record<string, string>; annotations?: Record<string, string> }): M {
  if (!from) return to;
  const out = { ...to };
  if (from.labels) out.labels = { ...from.labels, ...(to.labels ?? {}) };
  if (from.annotations) out.annotations = { ...from.annotations, ...(to.annotations ?? {}) };
  return out;
}
