/** The in-sandbox artifact repository (S3/MinIO stand-in) Argo Workflows saves and loads artifacts from. */
export { ArtifactRepository, DEFAULT_BUCKET, defaultArtifactKey } from './repository.js';
export type { ArchiveKind, ArtifactReader, ArtifactRepositoryState, StoredArtifact } from './repository.js';
