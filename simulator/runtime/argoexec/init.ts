/**
 * `argoexec init`: the pod's first container. Loads input artifacts from the repository to their
 * paths, stages the script source at /argo/staging/script, then exits. Its effects are files written
 * to the pod's filesystem when it exits.
 */
import { DEFAULT_BUCKET } from '../../artifacts/index.js';
import { normalizePath } from '../podFiles.js';
import { finishedPlan } from '../plan.js';
import type { ContainerInput, FileWrite, PlannedLine, ProcessPlan } from '../plan.js';
import { EXECUTOR_VERSION, SCRIPT_PATH, isoMs, logLine, parseTemplate } from './template.js';
import type { ArgoArtifact } from './template.js';

/** How long each piece of work takes in virtual ms (argoexec start-up, one artifact download). */
const START_MS = 150;
const ARTIFACT_MS = 250;

/** One log line at `t` ms after the start (a module function: a closure per plan costs more than the line). */
function log(lines: PlannedLine[], at: number, t: number, level: 'info' | 'warning' | 'error', msg: string, fields = ''): void {
  lines.push({ offsetMs: t, text: logLine(isoMs(at + t), level, msg, fields) });
}

export function planArgoexecInit(argv: string[], input: ContainerInput, env: Map<string, string>): ProcessPlan {
  const { template, error } = parseTemplate(env.get('ARGO_TEMPLATE'));
  const lines: PlannedLine[] = [];
  const at = input.startTime;
  let t = 0;
  const files: FileWrite[] = [];
  log(lines, at, t, 'info', 'Starting Workflow Executor', `version=${EXECUTOR_VERSION}`);
  log(lines, at, t, 'info', 'Executor initialized', `podName=${env.get('ARGO_POD_NAME') ?? input.pod?.name ?? ''} templateName=${template.name ?? ''}`);
  t += START_MS;
  if (error !== undefined) {
    log(lines, at, t, 'error', error);
    return finishedPlan(argv, lines, t, 1, { effects: { files } });
  }
  log(lines, at, t, 'info', 'Start loading input artifacts...');
  for (const art of template.inputs?.artifacts ?? []) {
    log(lines, at, t, 'info', `Downloading artifact: ${art.name}`);
    const loaded = loadArtifact(art, input);
    if ('skip' in loaded) {
      log(lines, at, t, 'warning', loaded.skip);
      continue;
    }
    if ('error' in loaded) {
      log(lines, at, t, 'error', `executor error: ${loaded.error}`);
      return finishedPlan(argv, lines, t, 1, { effects: { files } });
    }
    t += ARTIFACT_MS;
    files.push(...loaded.files);
    log(lines, at, t, 'info', `Successfully download file: ${art.path ?? ''}`);
  }
  for (const p of template.inputs?.parameters ?? []) {
    if (p.path) files.push({ path: normalizePath(p.path), content: p.value ?? p.default ?? '' });
  }
  if (template.script?.source !== undefined) {
    log(lines, at, t, 'info', `Loading script source to ${SCRIPT_PATH}`);
    files.push({ path: SCRIPT_PATH, content: template.script.source });
  }
  log(lines, at, t, 'info', 'Alloc=6520 TotalAlloc=12874 Sys=24423 NumGC=4 Goroutines=3');
  return finishedPlan(argv, lines, t, 0, { effects: { files } });
}

function loadArtifact(art: ArgoArtifact, input: ContainerInput): { files: FileWrite[] } | { skip: string } | { error: string } {
  const dest = normalizePath(art.path ?? `/argo/inputs/artifacts/${art.name}`);
  if (art.raw && typeof art.raw.data === 'string') return { files: [{ path: dest, content: art.raw.data }] };
  const base = art.s3?.key;
  // subPath reads a file or directory inside the artifact (Argo appends it to the key).
  const key = base !== undefined && typeof art.subPath === 'string' && art.subPath !== '' ? `${base.replace(/\/+$/, '')}/${art.subPath}` : base;
  if (key === undefined) {
    const other = Object.keys(art).find((k) => ['http', 'git', 'gcs', 'hdfs', 'oss', 'azure', 'artifactory', 'huggingface'].includes(k));
    if (other) return { error: `artifact ${art.name} failed to load: ${other} artifacts are not simulated in the sandbox (only s3 keys in the sandbox repository and raw)` };
    if (art.optional) return { skip: `Ignoring optional artifact '${art.name}' which was not supplied` };
    return { error: `required artifact '${art.name}' not supplied` };
  }
  const bucket = art.s3?.bucket ?? DEFAULT_BUCKET;
  const stored = input.artifacts?.get(bucket, key);
  if (!stored) {
    if (art.optional) return { skip: `Skipping optional input artifact that was not found: ${art.name}` };
    return { error: `artifact ${art.name} failed to load: failed to get file: The specified key does not exist.` };
  }
  // A tarball is extracted at the path (a single file lands at the path itself); a plain file is renamed there.
  if (stored.type === 'file') return { files: [{ path: dest, content: Object.values(stored.files)[0] ?? '' }] };
  return { files: Object.entries(stored.files).map(([rel, content]) => ({ path: normalizePath(rel, dest), content })) };
}
