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

/** S3 keys `a/b/` and `a/b` name the same directory here. */
function id(bucket: string, key: string): string {
  return `${bucket}/${key.replace(/\/+$/, '')}`;
}

export class ArtifactRepository implements ArtifactReader {
  private objects = new Map<string, StoredArtifact>();

  put(artifact: StoredArtifact): void {
    this.objects.set(id(artifact.bucket, artifact.key), artifact);
  }

  /**
   * The artifact at `key`; a key inside a directory saved without archiving (stored as one object per
   * file in real S3) resolves to that file or sub-directory, as `subPath` reads it.
   */
  get(bucket: string, key: string): StoredArtifact | undefined {
    const exact = this.objects.get(id(bucket, key));
    if (exact) return exact;
    for (let i = key.lastIndexOf('/'); i > 0; i = key.lastIndexOf('/', i - 1)) {
      const dir = this.objects.get(id(bucket, key.slice(0, i)));
      if (!dir || dir.type !== 'dir') continue;
      const rel = key.slice(i + 1).replace(/\/+$/, '');
      if (dir.files[rel] !== undefined) {
        const name = rel.slice(rel.lastIndexOf('/') + 1);
        return { ...dir, key, type: 'file', files: { [name]: dir.files[rel]! }, size: dir.files[rel]!.length };
      }
      const prefix = rel + '/';
      const files = Object.fromEntries(Object.entries(dir.files).filter(([p]) => p.startsWith(prefix)).map(([p, c]) => [p.slice(prefix.length), c]));
      if (Object.keys(files).length > 0) return { ...dir, key, files, size: Object.values(files).reduce((n, c) => n + c.length, 0) };
      return undefined;
    }
    return this.prefix(bucket, key);
  }

  /**
   * A key that names no object but prefixes several (`results/0.json`, `results/1.json` saved by different pods)
   * is a directory to S3's ListObjects, and Argo's S3 driver loads it as one: the "key-only" map-reduce pattern.
   */
  private prefix(bucket: string, key: string): StoredArtifact | undefined {
    const dir = id(bucket, key) + '/';
    const files: Record<string, string> = {};
    let savedAt = 0;
    for (const [k, a] of this.objects) {
      if (!k.startsWith(dir)) continue;
      const rel = k.slice(dir.length);
      if (a.type === 'file') {
        const content = Object.values(a.files)[0] ?? '';
        files[rel] = content;
      } else for (const [p, c] of Object.entries(a.files)) files[`${rel}/${p}`] = c;
      savedAt = Math.max(savedAt, a.savedAt);
    }
    const paths = Object.keys(files).sort();
    if (paths.length === 0) return undefined;
    const sorted = Object.fromEntries(paths.map((p) => [p, files[p]!]));
    return { bucket, key, type: 'dir', archive: 'none', files: sorted, size: paths.reduce((n, p) => n + files[p]!.length, 0), savedAt };
  }

  delete(bucket: string, key: string): boolean {
    return this.objects.delete(id(bucket, key));
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
    this.objects = new Map((s?.objects ?? []).map((a) => [id(a.bucket, a.key), a]));
  }
}
