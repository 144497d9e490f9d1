/**
 * The in-sandbox artifact repository, a stand-in for S3/MinIO: buckets of keys. Argo's default layout
 * is `<workflow>/<pod>/<artifact>.tgz` in the configured bucket (`my-bucket` in Argo's quick-start
 * MinIO). Artifacts keep their files as text plus how they were archived (tar+gzip by default, or
 * `none`); the archive bytes themselves are not built, a documented simplification.
 */

export type ArchiveKind = 'tgz' | 'none';

export interface StoredArtifact {
  bucket: string;
  key: string;
  /** `file`: one file; `dir`: a directory (only archivable with tar). */
  type: 'file' | 'dir';
  archive: ArchiveKind;
  /** File: `{ [basename]: content }`; dir: relative path → content. */
  files: Record<string, string>;
  /** Bytes of content (the size shown in listings). */
  size: number;
  /** Virtual ms it was saved. */
  savedAt: number;
}

export interface ArtifactReader {
  get(bucket: string, key: string): StoredArtifact | undefined;
}

export interface ArtifactRepositoryState {
  objects: StoredArtifact[];
}

export const DEFAULT_BUCKET = 'my-bucket';

/** Argo's default key for an output artifact. */
export function defaultArtifactKey(workflow: string, pod: string, artifact: string, archive: ArchiveKind = 'tgz'): string {
  return `${workflow}/${pod}/${artifact}${archive === 'tgz' ? '.tgz' : ''}`;
}

export class ArtifactRepository implements ArtifactReader {
  private objects = new Map<string, StoredArtifact>();

  put(artifact: StoredArtifact): void {
    this.objects.set(`${artifact.bucket}/${artifact.key}`, artifact);
  }

  get(bucket: string, key: string): StoredArtifact | undefined {
    return this.objects.get(`${bucket}/${key}`);
  }

  delete(bucket: string, key: string): boolean {
    return this.objects.delete(`${bucket}/${key}`);
  }

  /** Every stored artifact, by bucket then key (for the UI and `argo-sandbox` listings). */
  list(bucket?: string): StoredArtifact[] {
    return [...this.objects.values()].filter((a) => bucket === undefined || a.bucket === bucket).sort((a, b) => (a.bucket === b.bucket ? (a.key < b.key ? -1 : 1) : a.bucket < b.bucket ? -1 : 1));
  }

  getState(): ArtifactRepositoryState {
    return { objects: this.list() };
  }

  setState(state: unknown): void {
    const s = state as ArtifactRepositoryState | undefined;
    this.objects = new Map((s?.objects ?? []).map((a) => [`${a.bucket}/${a.key}`, a]));
  }
}
