/**
 * `argoexec wait`: runs beside `main`, and once `main` terminates saves the outputs: parameters from
 * files (`valueFrom.path`, with `default`), artifacts to the repository, stdout as `outputs.result`
 * (capped at 256 kB like argoexec), the exit code, and reports them in a WorkflowTaskResult named
 * after the node, which the workflow controller reads (Argo ≥ 3.4).
 */
import { DEFAULT_BUCKET, defaultArtifactKey } from '../../artifacts/index.js';
import type { StoredArtifact } from '../../artifacts/index.js';
import { withImageFiles } from '../imageFiles.js';
import { normalizePath } from '../podFiles.js';
import type { ContainerInput, DeferredOutcome, PodInfo, ProcessPlan } from '../plan.js';
import { EXECUTOR_VERSION, isoMs, logLine, parseTemplate } from './template.js';
import type { ArgoArtifact } from './template.js';

/** Virtual ms between `main` terminating and `wait` exiting (argoexec notices, saves, reports). */
export const WAIT_EXIT_DELAY_MS = 400;
export const MAX_RESULT_BYTES = 256 * 1024;

const WAIT_ENV = ['ARGO_TEMPLATE', 'ARGO_NODE_ID', 'ARGO_POD_NAME', 'ARGO_WORKFLOW_NAME', 'ARGO_WORKFLOW_UID', 'ARGO_INCLUDE_SCRIPT_OUTPUT', 'ARGO_CONTAINER_NAME'];

export function planArgoexecWait(argv: string[], input: ContainerInput, env: Map<string, string>): ProcessPlan {
  const kept: Record<string, string> = {};
  for (const k of WAIT_ENV) if (env.has(k)) kept[k] = env.get(k)!;
  const iso = isoMs(input.startTime);
  return {
    lines: [
      { offsetMs: 0, text: logLine(iso, 'info', 'Starting Workflow Executor', `version=${EXECUTOR_VERSION}`) },
      { offsetMs: 0, text: logLine(iso, 'info', 'Starting deadline monitor') },
    ],
    forever: true,
    durationMs: 0,
    exitCode: 0,
    handlesSigterm: true,
    sigtermExitCode: 0,
    argv,
    deferred: { kind: 'argoexec-wait', after: 'main', delayMs: WAIT_EXIT_DELAY_MS, env: kept },
  };
}

export interface WaitView {
  /** Virtual ms the wait container exits. */
  now: number;
  files: Readonly<Record<string, string>>;
  mainStdout: string;
  mainExitCode: number;
  pod: PodInfo;
}

/** What `wait` does once `main` has terminated: pure, from the pod's files at that moment. */
export function completeArgoexecWait(env: Record<string, string>, view: WaitView): DeferredOutcome {
  const { template, error } = parseTemplate(env.ARGO_TEMPLATE);
  // Outputs may be the main image's own files (an artifact of `/etc`): the emissary copies them from its root.
  const mainImage = (template.container as { image?: unknown } | undefined)?.image ?? (template.script as { image?: unknown } | undefined)?.image;
  if (typeof mainImage === 'string') view = { ...view, files: withImageFiles(mainImage, view.files) };
  const lines: string[] = [];
  const iso = isoMs(view.now);
  const log = (level: 'info' | 'warning' | 'error', msg: string) => lines.push(logLine(iso, level, msg));
  const errors: string[] = [];
  if (error !== undefined) errors.push(error);
  log('info', 'Main container completed');
  const outputs: Record<string, unknown> = {};
  // Script output: stdout of main, one trailing newline trimmed, the last 256 kB kept.
  if (env.ARGO_INCLUDE_SCRIPT_OUTPUT !== 'false') {
    log('info', 'Capturing script output');
    let out = view.mainStdout.endsWith('\n') ? view.mainStdout.slice(0, -1) : view.mainStdout;
    if (out.length > MAX_RESULT_BYTES) {
      log('warning', 'Output is larger than the maximum allowed size of 256 kB, only the last 256 kB were saved');
      out = out.slice(out.length - MAX_RESULT_BYTES);
    }
    outputs.result = out;
  }
  const params = template.outputs?.parameters ?? [];
  if (params.length === 0) log('info', 'No output parameters');
  else log('info', 'Saving output parameters');
  const savedParams: Record<string, unknown>[] = [];
  for (const p of params) {
    const out: Record<string, unknown> = { ...p };
    const path = p.valueFrom?.path;
    if (path) {
      log('info', `Saving path output parameter: ${p.name}`);
      const content = view.files[normalizePath(path)];
      let value: string | undefined = content;
      if (value === undefined) {
        if (p.valueFrom?.default !== undefined) value = p.valueFrom.default;
        else errors.push(`open ${path}: no such file or directory`);
      }
      if (value !== undefined) {
        out.value = value.endsWith('\n') ? value.slice(0, -1) : value;
        log('info', `Successfully saved output parameter: ${p.name}`);
      }
    }
    savedParams.push(out);
  }
  if (savedParams.length > 0) outputs.parameters = savedParams;
  const arts = template.outputs?.artifacts ?? [];
  const saved: Record<string, unknown>[] = [];
  const stored: StoredArtifact[] = [];
  if (arts.length === 0) log('info', 'No output artifacts');
  else log('info', 'Saving output artifacts');
  const workflow = env.ARGO_WORKFLOW_NAME ?? view.pod.labels['workflows.argoproj.io/workflow'] ?? '';
  const baseKey = template.archiveLocation?.s3?.key ?? `${workflow}/${view.pod.name}`;
  const bucket = template.archiveLocation?.s3?.bucket ?? DEFAULT_BUCKET;
  for (const art of arts) {
    log('info', `Staging artifact: ${art.name}`);
    const r = saveArtifact(art, view, baseKey, bucket);
    if ('skip' in r) log('warning', r.skip);
    else if ('error' in r) errors.push(r.error);
    else {
      stored.push(r.stored);
      saved.push(r.output);
      log('info', `Successfully saved file: ${r.stored.key}`);
    }
  }
  if (saved.length > 0) outputs.artifacts = saved;
  outputs.exitCode = String(view.mainExitCode);
  for (const e of errors) log('error', `executor error: ${e}`);
  const nodeId = env.ARGO_NODE_ID ?? view.pod.name;
  const taskResult = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'WorkflowTaskResult',
    metadata: {
      name: nodeId,
      namespace: view.pod.namespace,
      labels: { 'workflows.argoproj.io/workflow': workflow, 'workflows.argoproj.io/report-outputs-completed': 'true' },
      ownerReferences: [workflowOwner(env, view.pod, workflow)],
    },
    outputs,
  };
  log('info', 'Alloc=7812 TotalAlloc=15203 Sys=24423 NumGC=5 Goroutines=8');
  return { lines, exitCode: errors.length > 0 ? 1 : 0, effects: { artifacts: stored, objects: [taskResult] }, ...(errors.length > 0 ? { message: errors[0] } : {}) };
}

function workflowOwner(env: Record<string, string>, pod: PodInfo, workflow: string): Record<string, unknown> {
  const owner = pod.ownerReferences.find((o) => o.kind === 'Workflow');
  const uid = env.ARGO_WORKFLOW_UID ?? (owner?.uid as string | undefined) ?? '';
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', name: workflow, uid };
}

type Saved = { stored: StoredArtifact; output: Record<string, unknown> } | { skip: string } | { error: string };

function saveArtifact(art: ArgoArtifact, view: WaitView, baseKey: string, defaultBucket: string): Saved {
  const path = normalizePath(art.path ?? '');
  let type: 'file' | 'dir';
  const files: Record<string, string> = {};
  if (view.files[path] !== undefined) {
    type = 'file';
    files[path.slice(path.lastIndexOf('/') + 1)] = view.files[path]!;
  } else {
    const prefix = path === '/' ? '/' : path + '/';
    for (const [p, c] of Object.entries(view.files)) if (p.startsWith(prefix)) files[p.slice(prefix.length)] = c;
    if (Object.keys(files).length === 0) {
      if (art.optional) return { skip: `Ignoring optional artifact '${art.name}' which does not exist in path '${art.path ?? ''}': ${art.path ?? ''} no such file or directory` };
      return { error: `${art.path ?? ''} no such file or directory` };
    }
    type = 'dir';
  }
  const archive = art.archive?.none !== undefined ? 'none' : 'tgz';
  const fileName = archive === 'none' ? path.slice(path.lastIndexOf('/') + 1) : `${art.name}.tgz`;
  const key = art.s3?.key ?? (baseKey ? `${baseKey}/${fileName}` : defaultArtifactKey('', '', art.name, archive));
  const bucket = art.s3?.bucket ?? defaultBucket;
  const size = Object.values(files).reduce((n, c) => n + c.length, 0);
  const output: Record<string, unknown> = { ...art, s3: { ...(art.s3 ?? {}), key } };
  return { stored: { bucket, key, type, archive, files, size, savedAt: view.now }, output };
}
