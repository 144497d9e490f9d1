/**
 * Pods for container and script templates (workflowpod.go createWorkflowPod), in Argo's v3 shape:
 * init container `init` (argoexec init), containers `wait` (argoexec wait) and `main` (the user's
 * container with its command wrapped by `/var/run/argo/argoexec emissary --`).
 */
import type { KubeObject, JsonObject } from '../../cluster/types.js';
import { clone } from '../../cluster/types.js';
import { checkEnvelope } from '../../cluster/validation/index.js';
import { ApiError } from '../../core/errors.js';
import { imageProfile } from '../../runtime/index.js';
import type { Woc } from '../controller/woc.js';
import { ANNOTATION_NODE_ID, ANNOTATION_NODE_NAME, LABEL_COMPLETED, LABEL_WORKFLOW } from '../controller/names.js';
import { WF_API_VERSION } from '../crds/index.js';
import type { Container, NodeStatus, Template } from '../nodes/types.js';
import { registerExecutor } from './types.js';
import { includeScriptOutput } from './scriptOutput.js';
import { createPVCs, referencedVolumes } from './volumes.js';
import { addSchedulingConstraints, podMetadata } from './scheduling.js';
import type { ExecuteRequest } from './types.js';
import {
  ARGOEXEC_IMAGE,
  containerNameEnv,
  EXECUTOR_RESOURCES,
  GODEBUG_ENV,
  INIT_COMMAND,
  INIT_MOUNTS,
  INIT_MOUNTS_SCRIPT,
  LOG_OPTS,
  POD_UID_ENV,
  sharedEnv,
  STAGING_MOUNT,
  STAGING_VOLUME,
  TMP_DIR_ARGO_VOLUME,
  VAR_RUN_ARGO_MOUNT,
  VAR_RUN_ARGO_VOLUME,
  WAIT_COMMAND,
  WAIT_MOUNTS,
} from './podParts.js';

export { ARGOEXEC_IMAGE };

const ARGOEXEC_PATH = '/var/run/argo/argoexec';
const SCRIPT_PATH = '/argo/staging/script';

/** The default artifact repository (the sandbox's stand-in for the install's MinIO). */
export const DEFAULT_ARTIFACT_REPOSITORY = {
  archiveLogs: false,
  s3: { bucket: 'my-bucket', endpoint: 'minio:9000', insecure: true, accessKeySecret: { name: 'my-minio-cred', key: 'accesskey' }, secretKeySecret: { name: 'my-minio-cred', key: 'secretkey' } },
};

function mainContainer(tmpl: Template): Container {
  if (tmpl.script) {
    const { source: _source, ...c } = tmpl.script;
    const command = c.command && c.command.length > 0 ? c.command : ['sh'];
    return { ...c, name: 'main', command, args: [...(c.args ?? []), SCRIPT_PATH] };
  }
  return { ...(tmpl.container ?? {}), name: 'main' };
}

function wrapCommand(c: Container): Container {
  let command = c.command;
  let args = c.args;
  if (!command || command.length === 0) {
    // The image index lookup: our runtime knows each image's entrypoint and cmd.
    const profile = imageProfile(String(c.image ?? ''));
    command = profile.entrypoint;
    if (args === undefined) args = profile.cmd;
  }
  const out: Container = { ...c, command: [ARGOEXEC_PATH, 'emissary', ...LOG_OPTS, '--', ...command] };
  if (args !== undefined && args.length > 0) out.args = args;
  else delete out.args;
  return out;
}

/** The template as argoexec reads it (ARGO_TEMPLATE): with its archive location for outputs. */
function executorTemplate(woc: Woc, tmpl: Template, podName: string): Template {
  const t: Template = { ...tmpl };
  delete t.retryStrategy;
  t.archiveLocation = { archiveLogs: false, s3: { ...DEFAULT_ARTIFACT_REPOSITORY.s3, key: `${woc.name}/${podName}` } };
  return t;
}

/** What a stored (frozen) template's pods share: its executor-template JSON up to the archive location, its wrapped main container. */
interface TemplateParts {
  argoPrefix: string | undefined;
  user: Container;
}
const PARTS = new WeakMap<Template, TemplateParts>();
const ARCHIVE_PREFIX = JSON.stringify({ archiveLogs: false, s3: { ...DEFAULT_ARTIFACT_REPOSITORY.s3, key: '' } }).slice(0, -4);

function templateParts(tmpl: Template): TemplateParts {
  const frozen = Object.isFrozen(tmpl);
  let parts = frozen ? PARTS.get(tmpl) : undefined;
  if (parts) return parts;
  let argoPrefix: string | undefined;
  if (!('archiveLocation' in tmpl)) {
    const { retryStrategy: _rs, ...rest } = tmpl;
    argoPrefix = JSON.stringify(rest).slice(0, -1);
  }
  parts = { argoPrefix, user: wrapCommand(mainContainer(tmpl)) };
  if (frozen) PARTS.set(tmpl, parts);
  return parts;
}

/** JSON.stringify(executorTemplate(…)), from the template's cached prefix (the pod's own archive key appended). */
function argoTemplateJson(woc: Woc, tmpl: Template, parts: TemplateParts, podName: string): string {
  if (parts.argoPrefix === undefined) return JSON.stringify(executorTemplate(woc, tmpl, podName));
  return `${parts.argoPrefix}${parts.argoPrefix === '{' ? '' : ','}"archiveLocation":${ARCHIVE_PREFIX}${JSON.stringify(`${woc.name}/${podName}`)}}}}`;
}

/** A container's env: its own, then argo's (`common`: the pod's entries every container gets). */
function containerEnv(name: string, own: Container['env'], argoTemplate: JsonObject, common: JsonObject[]): JsonObject[] {
  return [...((own ?? []) as JsonObject[]), containerNameEnv(name), argoTemplate, ...common];
}

/**
 * The pod for `tmpl` on `node`: a new object the store may adopt. What comes from the template or the
 * workflow spec is copied (admission defaults it in place); argo's constant parts are shared frozen (podParts.ts).
 */
export function buildPod(woc: Woc, node: NodeStatus, tmpl: Template, podName: string): KubeObject {
  const parts = templateParts(tmpl);
  const argoTemplate = { name: 'ARGO_TEMPLATE', value: argoTemplateJson(woc, tmpl, parts, podName) };
  const common = [
    { name: 'ARGO_POD_NAME', value: podName },
    POD_UID_ENV,
    GODEBUG_ENV,
    sharedEnv('ARGO_WORKFLOW_NAME', woc.name),
    sharedEnv('ARGO_WORKFLOW_UID', woc.wf.metadata.uid),
    { name: 'ARGO_NODE_ID', value: node.id },
    sharedEnv('ARGO_INCLUDE_SCRIPT_OUTPUT', String(includeScriptOutput(woc, node.name, node.boundaryID ?? ''))),
    sharedEnv('ARGO_DEADLINE', Number.isFinite(woc.deadline) ? woc.iso(woc.deadline) : '0001-01-01T00:00:00Z'),
  ];
  // The pod's own copy of the wrapped main container (parts.user is shared by the template's pods).
  const user = clone(parts.user);
  const userMounts = Array.isArray(user.volumeMounts) ? (user.volumeMounts as unknown[]) : [];
  // The workflow's claims exist before its first pod of any kind (a no-op once status.persistentVolumeClaims is full).
  const pvcErr = createPVCs(woc);
  if (pvcErr !== undefined) throw new Error(`pvc create error: ${pvcErr}`);
  // createVolumes + addVolumeReferences: argo's own, the template's, then what the containers mount.
  const volumes: JsonObject[] = [VAR_RUN_ARGO_VOLUME, TMP_DIR_ARGO_VOLUME, ...clone((tmpl.volumes ?? []) as JsonObject[])];
  volumes.push(...clone(referencedVolumes(woc, user, tmpl, volumes)));
  if (tmpl.script) volumes.push(STAGING_VOLUME);
  const main = {
    ...user,
    env: containerEnv('main', user.env, argoTemplate, common),
    volumeMounts: [...userMounts, VAR_RUN_ARGO_MOUNT, ...(tmpl.script ? [STAGING_MOUNT] : [])],
  };
  // addSidecars: user containers like main (emissary-wrapped, argo env and mount); mirrorVolumeMounts copies main's mounts.
  const sidecars = (tmpl.sidecars ?? []).map((sc) => {
    const { mirrorVolumeMounts, ...c } = sc as Container & { mirrorVolumeMounts?: boolean };
    const own = Array.isArray(c.volumeMounts) ? (c.volumeMounts as unknown[]) : [];
    const w = clone(wrapCommand({ ...c, volumeMounts: mirrorVolumeMounts === true ? [...own, ...userMounts] : own }));
    return { ...w, env: containerEnv(String(c.name ?? ''), w.env, argoTemplate, common), volumeMounts: [...(w.volumeMounts as unknown[]), VAR_RUN_ARGO_MOUNT] } as unknown as JsonObject;
  });
  const md = podMetadata(woc, tmpl);
  const labels: Record<string, string> = { ...md.labels, [LABEL_WORKFLOW]: woc.name, [LABEL_COMPLETED]: 'false' };
  const annotations: Record<string, string> = {
    ...md.annotations,
    [ANNOTATION_NODE_NAME]: node.name,
    [ANNOTATION_NODE_ID]: node.id,
    'kubectl.kubernetes.io/default-container': 'main',
  };
  const spec: JsonObject = {
    restartPolicy: 'Never',
    initContainers: [
      { name: 'init', image: ARGOEXEC_IMAGE, command: INIT_COMMAND, env: containerEnv('init', undefined, argoTemplate, common), resources: EXECUTOR_RESOURCES, volumeMounts: tmpl.script ? INIT_MOUNTS_SCRIPT : INIT_MOUNTS },
    ],
    containers: [
      { name: 'wait', image: ARGOEXEC_IMAGE, command: WAIT_COMMAND, env: containerEnv('wait', undefined, argoTemplate, common), resources: EXECUTOR_RESOURCES, volumeMounts: WAIT_MOUNTS },
      main as unknown as JsonObject,
      ...sidecars,
    ],
    volumes,
  };
  const sa = tmpl.serviceAccountName ?? woc.spec.serviceAccountName;
  if (sa) spec.serviceAccountName = sa;
  // (Set on a scratch object first: the values are the template's or the spec's, the pod gets copies.)
  const scheduling: JsonObject = {};
  addSchedulingConstraints(woc, node, tmpl, scheduling);
  for (const k in scheduling) spec[k] = clone(scheduling[k]);
  if (tmpl.activeDeadlineSeconds !== undefined) spec.activeDeadlineSeconds = Number(tmpl.activeDeadlineSeconds);
  // v3.6: priorityClassName from the template, else spec.podPriorityClassName; the deprecated integer the same way.
  const priorityClassName = tmpl.priorityClassName ?? woc.spec.podPriorityClassName;
  if (typeof priorityClassName === 'string' && priorityClassName !== '') spec.priorityClassName = priorityClassName;
  const priority = tmpl.priority ?? woc.spec.podPriority;
  if (typeof priority === 'number') spec.priority = priority;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: podName,
      namespace: woc.namespace,
      labels,
      annotations,
      ownerReferences: [{ apiVersion: WF_API_VERSION, kind: 'Workflow', name: woc.name, uid: woc.wf.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec,
  };
}

/** executeContainer / executeScript: the Pod node, and its pod once (parallelism permitting). */
function executePod(woc: Woc, req: ExecuteRequest): NodeStatus {
  let node = woc.byName(req.nodeName);
  if (node) return node;
  const templateName = req.tmpl.name ?? '';
  node = woc.initNode(req.nodeName, 'Pod', 'Pending', {
    templateName: req.orgTmpl.template ?? (req.orgTmpl.templateRef ? undefined : templateName),
    templateRef: req.orgTmpl.templateRef,
    templateScope: req.templateScope,
    boundaryID: req.boundaryID,
    nodeFlag: req.nodeFlag,
    waitTaskResult: true,
  });
  const inputs = req.tmpl.inputs;
  // (Set only when kept: adding and deleting a field costs the node its fast shape.)
  if (inputs && (inputs.parameters?.length || inputs.artifacts?.length)) node.inputs = inputs;
  node.progress = '0/1';
  const name = woc.podName(req.nodeName, req.orgTmpl.templateRef?.template ?? templateName);
  try {
    // buildPod's object is new and its template parts are copies: the store takes it over instead of copying it.
    const pod = buildPod(woc, node, req.tmpl, name);
    checkEnvelope(pod);
    woc.ctx.store.adopt(pod, { fieldManager: 'workflow-controller' });
    woc.activePods++;
    woc.podsCreated++;
  } catch (e) {
    if (e instanceof ApiError && e.status.reason === 'AlreadyExists') return node;
    woc.markNode(node, 'Error', e instanceof Error ? e.message : String(e));
  }
  return node;
}

registerExecutor({ type: 'container', execute: executePod });
registerExecutor({ type: 'script', execute: executePod });
