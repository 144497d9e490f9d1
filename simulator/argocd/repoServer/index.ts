/** Argo CD repo server: renders an Application source (directory, Kustomize or Helm subset), or several (`spec.sources`), from the in-memory git host, synchronously. */
export {
  generateManifests,
  checkout,
  DEFAULT_KUBE_VERSION,
  type ApplicationSource,
  type GenerateOptions,
  type ManifestResponse,
  type SourceType,
} from './generate.js';
export { generateManifestsForSources, isRefOnly, type MultiSourceResponse } from './sources.js';
export { RepoServerError, KustomizeError, type RpcCode } from './errors.js';
export { findManifests, type DirectorySource } from './directory.js';
export { kustomizeBuild } from './kustomize/build.js';
export { parseImageOverride, type KustomizeImage, type KustomizeOverrides } from './overrides.js';
export { globMatch } from './glob.js';
export { helmTemplate, defaultApiVersions, type HelmSource, type HelmParameter } from './helm/template.js';
