/**
 * Build a lab's (or scenario's) initial world: a sandbox with the seed, the git repositories on Argo CD's
 * git host (each folder's files as the first commit), then the manifests applied at time zero.
 */
import type { LocatedError } from '../core/errors.js';
import { formatLocated } from '../core/errors.js';
import { argoCD } from '../argocd/index.js';
import { normalizeRepoURL } from '../git/index.js';
import type { GitSignature } from '../git/index.js';
import { createSandbox } from '../index.js';
import { DEFAULT_START } from '../sandbox.js';
import type { Sandbox } from '../sandbox.js';
import { parseManifests } from '../manifest/index.js';
import { applyManifests } from '../cli/applyManifests.js';
import type { StoredObject } from '../cluster/types.js';
import { filesUnder, joinPath } from './files.js';
import type { FileMap } from './files.js';
import type { ManifestRef, WorldSpec } from './types.js';

export interface LabWorld {
  sandbox: Sandbox;
  files: FileMap;
  /** Folder that relative paths in actions resolve against. */
  base: string;
  /** Normalised repo URL → its initial commit (git checks look at commits after it). */
  initialCommits: Map<string, string>;
}

/** Manifests or repositories of the world that could not be set up. */
export class WorldError extends Error {
  constructor(readonly errors: LocatedError[]) {
    super(errors.map(formatLocated).join('\n'));
    this.name = 'WorldError';
  }
}

const LAB_AUTHOR = { name: 'Argo Sandbox', email: 'labs@argo-sandbox.local' };
export const LEARNER = { name: 'learner', email: 'learner@argo-sandbox.local' };

/** A signature dated at the world's virtual now, so equal inputs give equal commit SHAs. */
export function signature(sandbox: Sandbox, who: { name: string; email: string }): GitSignature {
  return { ...who, timestamp: Math.floor(sandbox.now() / 1000) };
}

/** `kubectl apply` of one manifest reference (a file of the lab, or inline YAML). */
export function applyRef(world: Pick<LabWorld, 'sandbox' | 'files' | 'base'>, ref: ManifestRef): { applied: StoredObject[]; errors: LocatedError[] } {
  const file = typeof ref === 'string' ? joinPath(world.base, ref) : 'inline.yaml';
  const text = typeof ref === 'string' ? world.files[file] : ref.yaml;
  if (text === undefined) return { applied: [], errors: [{ file, message: `${file} does not exist` }] };
  const parsed = parseManifests(text, file);
  // Like kubectl: input that does not parse is not sent at all.
  if (parsed.errors.length > 0) return { applied: [], errors: parsed.errors };
  if (parsed.manifests.length === 0) return { applied: [], errors: [{ file, message: 'no objects passed to apply' }] };
  return applyManifests(world.sandbox, parsed.manifests);
}

/** Start time of a world spec in ms since the epoch (the sandbox default when it names none). */
export function worldStart(spec: WorldSpec): number {
  return spec.startTime !== undefined ? Date.parse(spec.startTime) : DEFAULT_START;
}

/**
 * Puts the spec's repositories and manifests into an existing, freshly created sandbox (the UI's worker
 * creates the sandbox itself, then runs this as a journaled action). Throws WorldError for bad manifests.
 */
export async function setupWorld(sandbox: Sandbox, spec: WorldSpec, files: FileMap, base: string): Promise<LabWorld> {
  const world: LabWorld = { sandbox, files, base, initialCommits: new Map() };
  const git = argoCD(sandbox).git;
  for (const r of spec.repos ?? []) {
    const content = r.files ?? filesUnder(files, joinPath(base, r.dir ?? '.'));
    const repo = await git.createRepo(r.url, content, {
      author: signature(sandbox, LAB_AUTHOR),
      message: 'Initial commit',
      ...(r.branch ? { branch: r.branch } : {}),
      ...(r.credentials ? { credentials: r.credentials } : {}),
    });
    if (Object.keys(content).length > 0) world.initialCommits.set(normalizeRepoURL(r.url), repo.resolveSync('HEAD'));
  }
  const errors: LocatedError[] = [];
  for (const ref of spec.apply ?? []) errors.push(...applyRef(world, ref).errors);
  if (errors.length > 0) throw new WorldError(errors);
  return world;
}

/** A new sandbox with the spec's seed and start time, its controllers started, then `setupWorld`. */
export async function buildWorld(spec: WorldSpec, files: FileMap, base: string): Promise<LabWorld> {
  const sandbox = createSandbox({ seed: spec.seed ?? 1, startTime: worldStart(spec) });
  // The installed controllers start up first (their work due at time zero), as the UI's load does.
  sandbox.runUntilSettled({ maxVirtualMs: 0 });
  return setupWorld(sandbox, spec, files, base);
}
