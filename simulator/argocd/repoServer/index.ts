/** Argo CD repo server: renders an Application source (plain directory or Kustomize subset) from the in-memory git host. */
export { generateManifests, type ApplicationSource, type GenerateOptions, type ManifestResponse, type SourceType } from './generate.js';
export { RepoServerError, KustomizeError, type RpcCode } from './errors.js';
export { findManifests, type DirectorySource } from './directory.js';
export { kustomizeBuild } from './kustomize/build.js';
export { parseImageOverride, type KustomizeImage, type KustomizeOverrides } from './overrides.js';
export { globMatch } from './glob.js';
