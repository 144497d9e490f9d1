/** The repo server's GenerateManifests for Directory and Kustomize sources. */
import { load } from 'js-yaml';
import { mergePatch } from '../../cluster/patch.js';
import { isJsonObject, type JsonValue, type KubeObject } from '../../cluster/types.js';
import { GitError, type GitCredentials, type GitHost } from '../../git/index.js';
import { findManifests, type DirectorySource } from './directory.js';
import { KustomizeError, RepoServerError } from './errors.js';
import { cleanRel, isDir } from './files.js';
import { kustomizationFile, kustomizeBuild, loadKustomization } from './kustomize/build.js';
import { applyOverrides, type KustomizeOverrides } from './overrides.js';

export interface ApplicationSource {
  repoURL: string;
  targetRevision?: string;
  path: string;
  directory?: DirectorySource;
  kustomize?: KustomizeOverrides;
}

export interface GenerateOptions {
  appName: string;
  /** From the matching repository Secret; a private repository without them fails with "authentication required". */
  credentials?: GitCredentials;
  /** Destination namespace; applied to namespaced objects by the controller, not here (as in Argo CD). */
  namespace?: string;
}

export type SourceType = 'Directory' | 'Kustomize';

export interface ManifestResponse {
  revision: string;
  manifests: KubeObject[];
  sourceType: SourceType;
}

function gitFailure(e: unknown): never {
  if (e instanceof GitError) throw new RepoServerError('Unknown', e.message);
  throw e;
}

/** util/app/path.Path: the app path must be relative, inside the repository, and a directory. */
function appPath(files: Readonly<Record<string, string>>, path: string): string {
  if (path.startsWith('/')) throw new RepoServerError('Unknown', `${path}: app path is absolute`);
  const clean = cleanRel(path);
  if (clean === undefined) throw new RepoServerError('Unknown', `${path}: app path outside root`);
  if (files[clean] !== undefined) throw new RepoServerError('Unknown', `${path}: app path is not a directory`);
  if (!isDir(files, clean)) throw new RepoServerError('Unknown', `${path}: app path does not exist`);
  return clean;
}

/**
 * mergeSourceParameters: `.argocd-source.yaml`, then `.argocd-source-<appName>.yaml`, in the app path are
 * JSON merge patches over the Application's source (how Argo CD Image Updater writes back to git).
 */
function withSourceOverrides(files: Readonly<Record<string, string>>, dir: string, source: ApplicationSource, appName: string): ApplicationSource {
  let merged: JsonValue = source as unknown as JsonValue;
  for (const name of ['.argocd-source.yaml', `.argocd-source-${appName}.yaml`]) {
    const path = dir === '' ? name : `${dir}/${name}`;
    const text = files[path];
    if (text === undefined) continue;
    let patch: unknown;
    try {
      patch = load(text);
    } catch (e) {
      throw new RepoServerError('Unknown', `failed to unmarshal ${path}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, { file: path });
    }
    if (isJsonObject(patch)) merged = mergePatch(merged, patch);
  }
  return merged as unknown as ApplicationSource;
}

/**
 * ApplicationSource.ExplicitType after NormalizeSource: a non-empty `kustomize` or `directory` block picks
 * the type; both is an error; neither leaves it to discovery (a kustomization file → Kustomize).
 */
function explicitType(source: ApplicationSource): SourceType | undefined {
  const k = source.kustomize;
  const kustomize = k !== undefined && Object.values(k).some((v) => v !== undefined && v !== '' && !(typeof v === 'object' && Object.keys(v).length === 0));
  const d = source.directory;
  const directory = d !== undefined && (d.recurse === true || !!d.include || !!d.exclude);
  if (kustomize && directory) throw new RepoServerError('Unknown', 'multiple application sources defined: Kustomize,Directory');
  return kustomize ? 'Kustomize' : directory ? 'Directory' : undefined;
}

/** Synchronous: the application controller renders inside its (synchronous) reconcile. */
export function generateManifests(host: GitHost, source: ApplicationSource, opts: GenerateOptions): ManifestResponse {
  let revision: string;
  let files: Record<string, string>;
  try {
    const repo = host.open(source.repoURL, opts.credentials);
    revision = repo.resolveSync(source.targetRevision ?? 'HEAD');
    files = repo.readTreeSync(revision, '');
  } catch (e) {
    gitFailure(e);
  }
  const dir = appPath(files, source.path);
  source = withSourceOverrides(files, dir, source, opts.appName);
  const type = explicitType(source) ?? (kustomizationFile(files, dir) !== undefined ? 'Kustomize' : 'Directory');
  if (type === 'Kustomize') {
    try {
      const k = applyOverrides(loadKustomization(files, dir), source.kustomize);
      return { revision, manifests: kustomizeBuild(files, dir, k), sourceType: 'Kustomize' };
    } catch (e) {
      if (e instanceof KustomizeError) throw new RepoServerError('Unknown', `\`kustomize build ${dir || '.'}\` failed exit status 1: Error: ${e.message}`);
      throw e;
    }
  }
  const prefix = dir === '' ? '' : `${dir}/`;
  const under: Record<string, string> = {};
  for (const [p, content] of Object.entries(files)) if (p.startsWith(prefix)) under[p.slice(prefix.length)] = content;
  return { revision, manifests: findManifests(under, source.directory, dir), sourceType: 'Directory' };
}
