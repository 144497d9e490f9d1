/**
 * Shared by the executors that run without a pod in the sandbox (resource, data, http, plugin):
 * their in-flight state, kept in the workflow status under `status.sandbox.podless[nodeId]` (the
 * sandbox's bookkeeping convention, like the kubelet's `status.sandbox` on pods) so snapshot/restore
 * and determinism hold; and reading an input artifact from the sandbox artifact repository.
 */
import { DEFAULT_BUCKET } from '../../artifacts/index.js';
import type { JsonValue } from '../../cluster/types.js';
import type { Woc } from '../controller/woc.js';
import type { Artifact, Template } from '../nodes/types.js';

export interface PodlessState {
  get(nodeId: string): JsonValue | undefined;
  set(nodeId: string, v: unknown): void;
  delete(nodeId: string): void;
}

export function podlessState(woc: Woc): PodlessState {
  const table = (): Record<string, JsonValue> => {
    const sb = (woc.status.sandbox ??= {}) as Record<string, unknown>;
    return (sb.podless ??= {}) as Record<string, JsonValue>;
  };
  return {
    get: (id) => (woc.status.sandbox ? table()[id] : undefined),
    set: (id, v) => {
      table()[id] = JSON.parse(JSON.stringify(v)) as JsonValue;
      woc.updated = true;
    },
    delete: (id) => {
      if (!woc.status.sandbox) return;
      const t = table();
      if (!(id in t)) return;
      delete t[id];
      if (Object.keys(t).length === 0) delete woc.status.sandbox;
      woc.updated = true;
    },
  };
}

/** The text of one input artifact (raw, or an s3 key in the sandbox repository). */
export function readArtifactText(woc: Woc, art: Artifact): string {
  const raw = art.raw as { data?: unknown } | undefined;
  if (raw && typeof raw.data === 'string') return raw.data;
  const s3 = art.s3 as { key?: string; bucket?: string } | undefined;
  if (!s3?.key) throw new Error(`artifact ${art.name} failed to load: only raw and s3 artifacts (sandbox repository) are simulated`);
  const stored = woc.ctx.sandbox.artifacts.get(s3.bucket ?? DEFAULT_BUCKET, s3.key);
  if (!stored) throw new Error(`artifact ${art.name} failed to load: failed to get file: The specified key does not exist.`);
  return Object.values(stored.files).join('');
}

/** manifestFrom.artifact: the named input artifact's content. */
export function readManifestArtifact(woc: Woc, tmpl: Template, name: string): string {
  const art = tmpl.inputs?.artifacts?.find((a) => a.name === name);
  if (!art) throw new Error(`manifestFrom artifact ${name} not found in inputs.artifacts`);
  return readArtifactText(woc, art);
}
