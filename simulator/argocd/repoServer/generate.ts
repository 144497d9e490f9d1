/** The repo server's GenerateManifests for Directory, Kustomize and Helm sources (synchronous). */
import { load } from 'js-yaml';
import { mergePatch } from '../../cluster/patch.js';
import { isJsonObject, type JsonValue, type KubeObject } from '../../cluster/types.js';
import { GitError, type GitCredentials, type GitHost } from '../../git/index.js';
import type { SprigEnv } from '../../sprig/index.js';
import { findManifests, type DirectorySource } from './directory.js';
import { KustomizeError, RepoServerError } from './errors.js';
import { cacheGet, cachePut } from './cache.js';
import { cleanRel, isDir } from './files.js';
import { helmTemplate, type HelmSource } from './helm/template.js';
import { kustomizationFile, kustomizeBuild, loadKustomization } from './kustomize/build.js';
import { applyOverrides, type KustomizeOverrides } from './overrides.js';

export interface ApplicationSource {
  repoURL: string;
  targetRevision?: string;
  path?: string;
  /** A Helm repository chart (not simulated: the sandbox serves git repositories only). */
  chart?: string;
  /** Multi-source: this source's files are `$ref/...` for other sources' Helm value files. */
  ref?: string;
  directory?: DirectorySource;
  kustomize?: KustomizeOverrides;
  helm?: HelmSource;
}

export interface GenerateOptions {
  appName: string;
  /** From the matching repository Secret; a private repository without them fails with "authentication required". */
  credentials?: GitCredentials;
  /** Per-repoURL credentials, for `ref` sources in other (private) repositories. */
  credentialsFor?: (repoURL: string) => GitCredentials | undefined;
  /** Destination namespace: Helm's `--namespace`; for other types applied by the controller (as in Argo CD). */
  namespace?: string;
  /** Cluster `major.minor` for Helm's --kube-version (default: the sandbox API server's). */
  kubeVersion?: string;
  /** Cluster API versions for Helm's Capabilities (default: the built-in kinds). */
  apiVersions?: string[];
  /** Other sources of the Application that carry `ref`, by ref name (set by generateManifestsForSources). */
  refSources?: Readonly<Record<string, ApplicationSource>>;
  /** Virtual clock and seeded randomness for templates' `now`/`randAlphaNum`/`uuidv4`. */
  sprig?: SprigEnv;
  /** Skip the manifest cache (Argo CD's hard refresh). */
  noCache?: boolean;
}

export type SourceType = 'Directory' | 'Kustomize' | 'Helm';

export interface ManifestResponse {
  revision: string;
  manifests: KubeObject[];
  sourceType: SourceType;
}

/** The sandbox API server's version (simulator/api/discovery.ts SERVER_VERSION), as Argo passes it. */
export const DEFAULT_KUBE_VERSION = '1.32';

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

const nonEmpty = (o: object | undefined): boolean =>
  o !== undefined && Object.values(o).some((v) => v !== undefined && v !== '' && v !== false && !(typeof v === 'object' && v !== null && Object.keys(v).length === 0));

/**
 * ApplicationSource.ExplicitType after NormalizeSource: a non-empty `helm`, `kustomize` or `directory` block
 * picks the type; more than one is an error; none leaves it to discovery.
 */
function explicitType(source: ApplicationSource): SourceType | undefined {
  const d = source.directory;
  const set: SourceType[] = [];
  if (nonEmpty(source.helm)) set.push('Helm');
  if (nonEmpty(source.kustomize)) set.push('Kustomize');
  if (d !== undefined && (d.recurse === true || !!d.include || !!d.exclude)) set.push('Directory');
  if (set.length > 1) throw new RepoServerError('Unknown', `multiple application sources defined: ${set.join(',')}`);
  return set[0];
}

/** discovery.AppType: Chart.yaml → Helm, a kustomization → Kustomize (the later file in walk order wins). */
function discoveredType(files: Readonly<Record<string, string>>, dir: string): SourceType {
  if (kustomizationFile(files, dir) !== undefined) return 'Kustomize';
  if (files[dir === '' ? 'Chart.yaml' : `${dir}/Chart.yaml`] !== undefined) return 'Helm';
  return 'Directory';
}

/** The repository tree of `source` at its targetRevision: [commit SHA, files]. */
export function checkout(host: GitHost, source: ApplicationSource, credentials: GitCredentials | undefined): [string, Record<string, string>] {
  try {
    const repo = host.open(source.repoURL, credentials);
    const revision = repo.resolveSync(source.targetRevision ?? 'HEAD');
    return [revision, repo.readTreeSync(revision, '')];
  } catch (e) {
    gitFailure(e);
  }
}

function render(host: GitHost, source: ApplicationSource, opts: GenerateOptions): ManifestResponse {
  if (source.chart) {
    throw new RepoServerError('Unknown', `chart '${source.chart}' from '${source.repoURL}': Helm chart repositories are not simulated; use a git repository path`);
  }
  const [revision, files] = checkout(host, source, opts.credentials ?? opts.credentialsFor?.(source.repoURL));
  const refRevisions = Object.entries(opts.refSources ?? {}).map(([name, ref]) => [name, checkout(host, ref, opts.credentialsFor?.(ref.repoURL))[0]]);
  const key = JSON.stringify([revision, source, opts.appName, opts.namespace, opts.kubeVersion, opts.apiVersions, refRevisions]);
  if (!opts.noCache) {
    const hit = cacheGet(host, key);
    if (hit) return hit;
  }
  const res = renderFiles(host, source, opts, revision, files);
  cachePut(host, key, res);
  return res;
}

function renderFiles(host: GitHost, source: ApplicationSource, opts: GenerateOptions, revision: string, files: Record<string, string>): ManifestResponse {
  const dir = appPath(files, source.path ?? '');
  source = withSourceOverrides(files, dir, source, opts.appName);
  const type = explicitType(source) ?? discoveredType(files, dir);
  if (type === 'Helm') {
    const refs: Record<string, Record<string, string>> = {};
    for (const [name, ref] of Object.entries(opts.refSources ?? {})) refs[name] = checkout(host, ref, opts.credentialsFor?.(ref.repoURL))[1];
    const manifests = helmTemplate({
      repoFiles: files,
      appPath: dir,
      helm: source.helm,
      appName: opts.appName,
      namespace: opts.namespace,
      kubeVersion: opts.kubeVersion ?? DEFAULT_KUBE_VERSION,
      apiVersions: opts.apiVersions,
      refs,
      buildEnv: buildEnv(opts, source, revision),
      sprig: opts.sprig,
    });
    return { revision, manifests, sourceType: 'Helm' };
  }
  if (type === 'Kustomize') {
    try {
      const k = applyOverrides(loadKustomization(files, dir), source.kustomize);
      return { revision, manifests: kustomizeBuild(files, dir, k), sourceType: 'Kustomize' };
    } catch (e) {
      if (e instanceof KustomizeError) {
        throw new RepoServerError('Unknown', `\`kustomize build ${dir || '.'}\` failed exit status 1: Error: ${e.message}`, { file: kustomizationFile(files, dir) });
      }
      throw e;
    }
  }
  const prefix = dir === '' ? '' : `${dir}/`;
  const under: Record<string, string> = {};
  for (const [p, content] of Object.entries(files)) if (p.startsWith(prefix)) under[p.slice(prefix.length)] = content;
  return { revision, manifests: findManifests(under, source.directory, dir), sourceType: 'Directory' };
}

/** Argo CD's build environment (`$ARGOCD_APP_NAME` …), substituted into Helm parameters and value file paths. */
function buildEnv(opts: GenerateOptions, source: ApplicationSource, revision: string): Record<string, string> {
  return {
    ARGOCD_APP_NAME: opts.appName,
    ARGOCD_APP_NAMESPACE: opts.namespace ?? '',
    ARGOCD_APP_REVISION: revision,
    ARGOCD_APP_REVISION_SHORT: revision.slice(0, 7),
    ARGOCD_APP_SOURCE_PATH: source.path ?? '',
    ARGOCD_APP_SOURCE_REPO_URL: source.repoURL,
    ARGOCD_APP_SOURCE_TARGET_REVISION: source.targetRevision ?? '',
  };
}

/**
 * Synchronous: the application controller renders inside its (synchronous) reconcile. Every failure is a
 * RepoServerError worded like Argo CD's (it becomes the ComparisonError condition).
 */
export function generateManifests(host: GitHost, source: ApplicationSource, opts: GenerateOptions): ManifestResponse {
  try {
    return render(host, source, opts);
  } catch (e) {
    if (e instanceof RepoServerError) throw e;
    // Anything unexpected still reaches the Application as a condition, never as a crash.
    throw new RepoServerError('Unknown', e instanceof Error ? e.message : String(e));
  }
}
