/**
 * The Go types of a Workflow's spec, enough to decode it like the controller does (util.FromUnstructured →
 * encoding/json, not strict): a value of the wrong JSON type is the error `cannot unmarshall spec: json: cannot
 * unmarshal number into Go struct field Arguments.spec.arguments.parameters of type []v1alpha1.Parameter`, and the
 * workflow fails instead of the operator tripping over it. Unknown fields are ignored, as encoding/json does.
 */
import { decodeObject } from '../../cluster/validation/decode.js';
import { STRINGS, STRING_MAP, list, map } from '../../cluster/validation/schema.js';
import type { ObjSchema, Schema } from '../../cluster/validation/schema.js';
import { Container } from '../../cluster/validation/schemas/index.js';
import type { JsonValue } from '../../cluster/types.js';

/** An Argo struct: fields we type-check; the rest is accepted (non-strict decode). */
const t = (go: string, fields: Record<string, Schema> = {}): ObjSchema => ({ t: 'obj', go, fields, open: true, pkg: 'v1alpha1' });
/** AnyString and IntOrString-like fields take strings, numbers and booleans; 'any' keeps them lenient. */
const ANY: Schema = 'any';

const ValueFrom = t('ValueFrom', { path: 'string', jsonPath: 'string', jqFilter: 'string', parameter: 'string', expression: 'string', event: 'string', default: ANY });
const Parameter = t('Parameter', { name: 'string', default: ANY, value: ANY, valueFrom: ValueFrom, globalName: 'string', enum: list(ANY), description: ANY });
const Artifact = t('Artifact', { name: 'string', path: 'string', mode: 'int32', from: 'string', fromExpression: 'string', globalName: 'string', optional: 'bool', subPath: 'string', deleted: 'bool', s3: t('S3Artifact', { key: 'string', bucket: 'string' }), raw: t('RawArtifact', { data: 'string' }), archive: t('ArchiveStrategy') });
const Arguments = t('Arguments', { parameters: list(Parameter), artifacts: list(Artifact) });
const Inputs = t('Inputs', { parameters: list(Parameter), artifacts: list(Artifact) });
const Outputs = t('Outputs', { parameters: list(Parameter), artifacts: list(Artifact), result: 'string', exitCode: 'string' });
const TemplateRef = t('TemplateRef', { name: 'string', template: 'string', clusterScope: 'bool' });
const ContinueOn = t('ContinueOn', { error: 'bool', failed: 'bool' });
const Sequence = t('Sequence', { count: ANY, start: ANY, end: ANY, format: 'string' });
const LifecycleHook = t('LifecycleHook', { template: 'string', arguments: Arguments, templateRef: TemplateRef, expression: 'string' });
const common: Record<string, Schema> = {
  name: 'string',
  template: 'string',
  arguments: Arguments,
  templateRef: TemplateRef,
  withItems: list(ANY),
  withParam: 'string',
  withSequence: Sequence,
  when: 'string',
  continueOn: ContinueOn,
  onExit: 'string',
  hooks: map(LifecycleHook),
};
const WorkflowStep = t('WorkflowStep', common);
const DAGTask = t('DAGTask', { ...common, dependencies: STRINGS, depends: 'string' });
const RetryStrategy = t('RetryStrategy', { limit: 'intstr', retryPolicy: 'string', expression: 'string', backoff: t('Backoff', { duration: 'string', factor: 'intstr', maxDuration: 'string' }) });
const Metadata = t('Metadata', { labels: STRING_MAP, annotations: STRING_MAP });
const UserContainer = { ...Container, fields: { ...Container.fields, name: 'string' as Schema } };
const Template = t('Template', {
  name: 'string',
  inputs: Inputs,
  outputs: Outputs,
  metadata: Metadata,
  container: Container,
  script: t('ScriptTemplate', { ...Container.fields, source: 'string' }),
  containerSet: t('ContainerSetTemplate', { containers: list(t('ContainerNode', { ...UserContainer.fields, dependencies: STRINGS })), volumeMounts: Container.fields.volumeMounts! }),
  steps: list(list(WorkflowStep)),
  dag: t('DAGTemplate', { target: 'string', tasks: list(DAGTask), failFast: 'bool' }),
  resource: t('ResourceTemplate', { action: 'string', manifest: 'string', successCondition: 'string', failureCondition: 'string', setOwnerReference: 'bool', mergeStrategy: 'string', flags: STRINGS }),
  suspend: t('SuspendTemplate', { duration: 'string' }),
  http: t('HTTP', { method: 'string', url: 'string', body: 'string', successCondition: 'string', timeoutSeconds: 'int64', insecureSkipVerify: 'bool' }),
  data: t('Data'),
  plugin: t('Plugin'),
  initContainers: list(t('UserContainer', UserContainer.fields)),
  sidecars: list(t('UserContainer', UserContainer.fields)),
  retryStrategy: RetryStrategy,
  parallelism: 'int64',
  failFast: 'bool',
  daemon: 'bool',
  timeout: 'string',
  activeDeadlineSeconds: 'intstr',
  priority: 'int32',
  serviceAccountName: 'string',
  podSpecPatch: 'string',
  nodeSelector: STRING_MAP,
  volumes: list(t('Volume')),
  memoize: t('Memoize', { key: 'string', maxAge: 'string' }),
  synchronization: t('Synchronization'),
});

const WorkflowSpec = t('WorkflowSpec', {
  entrypoint: 'string',
  arguments: Arguments,
  templates: list(Template),
  onExit: 'string',
  parallelism: 'int64',
  activeDeadlineSeconds: 'int64',
  priority: 'int32',
  serviceAccountName: 'string',
  suspend: 'bool',
  shutdown: 'string',
  podSpecPatch: 'string',
  nodeSelector: STRING_MAP,
  hooks: map(LifecycleHook),
  retryStrategy: RetryStrategy,
  workflowTemplateRef: t('WorkflowTemplateRef', { name: 'string', clusterScope: 'bool' }),
  templateDefaults: Template,
  volumes: list(t('Volume')),
  podGC: t('PodGC', { strategy: 'string', deleteDelayDuration: 'string' }),
  ttlStrategy: t('TTLStrategy', { secondsAfterCompletion: 'int32', secondsAfterSuccess: 'int32', secondsAfterFailure: 'int32' }),
  workflowMetadata: t('WorkflowMetadata', { labels: STRING_MAP, annotations: STRING_MAP }),
  synchronization: t('Synchronization'),
});

/** A Workflow (only `spec` is typed here) as the controller's decoder sees it. */
const WorkflowObject: ObjSchema = t('Workflow', { spec: WorkflowSpec });

interface Decoded {
  error: string | null;
  /** The spec as Go would see it, when decoding changed it (nulls become zero values or go away); else null. */
  spec: JsonValue | null;
}

/** Stored specs are frozen and keep their identity while unchanged: decode each once. */
const decoded = new WeakMap<object, Decoded>();

function decode(obj: { spec?: unknown }): Decoded | undefined {
  const spec = obj.spec;
  if (spec === undefined || spec === null || typeof spec !== 'object') return undefined;
  let r = decoded.get(spec);
  if (r === undefined) {
    // The decoder drops null and unknown fields as it goes: work on a copy, never on the stored object.
    const text = JSON.stringify({ spec });
    const copy = JSON.parse(text) as Record<string, JsonValue>;
    const error = decodeObject(copy, WorkflowObject, false).find((p) => p.kind === 'type')?.message ?? null;
    r = { error, spec: error === null && text.includes('null') ? (copy.spec ?? null) : null };
    decoded.set(spec, r);
  }
  return r;
}

/** The first decode error of a workflow's spec (Go's message), or undefined when it decodes. */
export function decodeWorkflow(obj: object & { spec?: unknown }): string | undefined {
  return decode(obj)?.error ?? undefined;
}

/** The spec with JSON nulls decoded like Go does (zero values), or undefined when there were none to decode. */
export function decodedWorkflowSpec(obj: object & { spec?: unknown }): JsonValue | undefined {
  return decode(obj)?.spec ?? undefined;
}
