import { describe, expect, it } from 'vitest';
import { ArtifactRepository, defaultArtifactKey } from '../../../simulator/artifacts/index.js';
import type { StoredArtifact } from '../../../simulator/artifacts/index.js';

const dir: StoredArtifact = { bucket: 'my-bucket', key: 'wf/pod/out/', type: 'dir', archive: 'none', files: { 'a.json': '1', 'sub/b.txt': 'b', 'sub/c.txt': 'c' }, size: 3, savedAt: 0 };

describe('artifact repository', () => {
  it("uses Argo's default key layout", () => {
    expect(defaultArtifactKey('wf', 'wf-pod-1', 'art')).toBe('wf/wf-pod-1/art.tgz');
    expect(defaultArtifactKey('wf', 'wf-pod-1', 'art', 'none')).toBe('wf/wf-pod-1/art');
  });

  it('resolves keys inside an unarchived directory (subPath, per-file keys) and ignores a trailing slash', () => {
    const repo = new ArtifactRepository();
    repo.put(dir);
    expect(repo.get('my-bucket', 'wf/pod/out')?.files).toEqual(dir.files);
    expect(repo.get('my-bucket', 'wf/pod/out/a.json')).toMatchObject({ type: 'file', files: { 'a.json': '1' }, size: 1 });
    expect(repo.get('my-bucket', 'wf/pod/out/sub')).toMatchObject({ type: 'dir', files: { 'b.txt': 'b', 'c.txt': 'c' }, size: 2 });
    expect(repo.get('my-bucket', 'wf/pod/out/nope')).toBeUndefined();
    expect(repo.get('other-bucket', 'wf/pod/out')).toBeUndefined();
  });

  it('lists by bucket and key, and its state round-trips through a snapshot', () => {
    const repo = new ArtifactRepository();
    repo.put({ ...dir, key: 'z/last' });
    repo.put(dir);
    repo.put({ ...dir, bucket: 'a-bucket', key: 'k' });
    expect(repo.list().map((a) => `${a.bucket}:${a.key}`)).toEqual(['a-bucket:k', 'my-bucket:wf/pod/out/', 'my-bucket:z/last']);
    expect(repo.list('a-bucket')).toHaveLength(1);
    const copy = new ArtifactRepository();
    copy.setState(JSON.parse(JSON.stringify(repo.getState())));
    expect(copy.list()).toEqual(repo.list());
    expect(copy.delete('my-bucket', 'z/last')).toBe(true);
    expect(copy.list()).toHaveLength(2);
  });

  it('loads a key that only prefixes objects saved by different pods as one directory (key-only map-reduce)', () => {
    const repo = new ArtifactRepository();
    const part = (n: number, content: string) => ({ bucket: 'my-bucket', key: `wf/results/${n}.json`, type: 'file' as const, archive: 'none' as const, files: { 'part.json': content }, size: content.length, savedAt: n });
    repo.put(part(1, '{"bar":4}'));
    repo.put(part(0, '{"bar":2}'));
    repo.put({ ...part(9, 'x'), key: 'wf/resultsX/9.json' });
    const got = repo.get('my-bucket', 'wf/results');
    expect(got).toMatchObject({ type: 'dir', archive: 'none', key: 'wf/results', savedAt: 1 });
    expect(got?.files).toEqual({ '0.json': '{"bar":2}', '1.json': '{"bar":4}' });
    expect(repo.get('my-bucket', 'wf/results/')?.files).toEqual(got?.files);
    expect(repo.get('my-bucket', 'wf/res')).toBeUndefined();
  });
});
