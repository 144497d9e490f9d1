/**
 * Data templates (workflow/data ProcessData; upstream run by `argoexec data` in a pod): the source's
 * `artifactPaths` lists every key under the artifact's location in the sandbox artifact repository,
 * then each `transformation[].expression` (expr-lang, env `{data}`) maps it; `outputs.result` is the
 * JSON of the final value. Podless in the sandbox, finishing when the node starts.
 */
import { DEFAULT_BUCKET } from '../../artifacts/index.js';
import { evaluate, goJSON } from '../../expr/index.js';
import type { Woc } from '../controller/woc.js';
import { fulfilled } from '../nodes/types.js';
import type { NodeStatus } from '../nodes/types.js';
import { registerExecutor } from './types.js';
import type { ExecuteRequest } from './types.js';

export interface DataTemplate {
  source?: { artifactPaths?: { name?: string; s3?: { bucket?: string; key?: string }; [k: string]: unknown } };
  transformation?: { expression?: string }[];
}

/** ProcessArtifactPaths: the keys (files) under the location's key, sorted like an S3 listing. */
export function listArtifactPaths(woc: Woc, src: NonNullable<DataTemplate['source']>['artifactPaths']): string[] {
  if (!src) throw new Error('no valid source is used for data template');
  if (!src.s3) {
    const kind = Object.keys(src).find((k) => k !== 'name') ?? 'unknown';
    throw new Error(`unable to source artifact paths: ${kind} artifacts are not simulated in the sandbox (only s3 in the sandbox repository)`);
  }
  const bucket = src.s3.bucket ?? DEFAULT_BUCKET;
  const prefix = (src.s3.key ?? '').replace(/^\/+/, '');
  const keys: string[] = [];
  for (const a of woc.ctx.sandbox.artifacts.list(bucket)) {
    if (prefix && !(a.key === prefix || a.key.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`))) continue;
    if (a.type === 'dir') for (const rel of Object.keys(a.files)) keys.push(`${a.key}/${rel}`);
    else keys.push(a.key);
  }
  return keys.sort();
}

export function processData(woc: Woc, d: DataTemplate): unknown {
  let data: unknown = listArtifactPaths(woc, d.source?.artifactPaths);
  for (const [i, step] of (d.transformation ?? []).entries()) {
    if (!step.expression) continue;
    try {
      data = evaluate(step.expression, { data });
    } catch (e) {
      throw new Error(`unable to process data transformation: error processing data step ${i}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return data;
}

function executeData(woc: Woc, req: ExecuteRequest): NodeStatus {
  const existing = woc.byName(req.nodeName);
  if (existing) return existing;
  const node = woc.initNode(req.nodeName, 'Pod', 'Pending', {
    templateName: req.orgTmpl.template ?? (req.orgTmpl.templateRef ? undefined : req.tmpl.name),
    templateRef: req.orgTmpl.templateRef,
    templateScope: req.templateScope,
    boundaryID: req.boundaryID,
    nodeFlag: req.nodeFlag,
  });
  if (fulfilled(node.phase)) return node;
  try {
    const out = processData(woc, (req.tmpl.data ?? {}) as DataTemplate);
    node.outputs = { result: goJSON(out) };
    node.progress = '1/1';
    return woc.markNode(node, 'Succeeded', '');
  } catch (e) {
    return woc.markNode(node, 'Failed', e instanceof Error ? e.message : String(e));
  }
}

registerExecutor({ type: 'data', podless: true, execute: executeData });
