import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GitHost, fromBase64, toBase64, unifiedHunks } from '../../../simulator/git/index.js';
import { sha1Hex } from '../../../simulator/git/sha1.js';
import { unzlibStored, zlibStored } from '../../../simulator/git/zlibStored.js';

const author = { name: 'Learner', email: 'l@e.com', timestamp: 1_700_000_000 };

describe('git objects', () => {
  it('gives the SHA the real git CLI gives for the same commit', async () => {
    // Oracle, from git 2.x: `git init -b main; printf 'a\nb\nc\n' > f.txt; mkdir -p d/e; printf 'x\n' > d/e/g.yaml;
    // git add .; GIT_{AUTHOR,COMMITTER}_{NAME=Learner,EMAIL=l@e.com,DATE="1700000000 +0000"} git commit -m "Initial commit"`.
    const repo = await new GitHost().createRepo('https://h/o/r', { 'f.txt': 'a\nb\nc\n', 'd/e/g.yaml': 'x\n' }, { author, message: 'Initial commit' });
    expect(await repo.resolve('HEAD')).toBe('e34e73f24c98f34bc1b7c5b5ab3bf197db42ffd9');
  });

  it('stores loose objects as zlib streams that zlib inflates to `type size\\0content`', async () => {
    const host = new GitHost();
    const repo = await host.createRepo('https://h/o/r', { 'hello.txt': 'hello\n', 'big.txt': 'z'.repeat(70_000) }, { author });
    const files = repo.exportState().files;
    // `git hash-object` of "hello\n".
    const hello = files['/repo.git/objects/ce/013625030ba8dba906f756967f9e9ca394464a'];
    expect(new TextDecoder().decode(inflateSync(fromBase64(hello)))).toBe('blob 6\0hello\n');
    const objects = Object.keys(files).filter((p) => p.includes('/objects/'));
    expect(objects.length).toBe(4); // two blobs, one tree, one commit
    await repo.tag('v1', 'HEAD', { annotate: { message: 'v1', tagger: author } });
    const after = repo.exportState().files;
    const all = Object.keys(after).filter((p) => p.includes('/objects/'));
    expect(all.length).toBe(5); // plus the annotated tag object
    for (const path of all) {
      const bytes = fromBase64(after[path]);
      // Stored (level 0) zlib framing for every object, whichever compressor the runtime has.
      expect([bytes[0], bytes[1]]).toEqual([0x78, 0x01]);
      expect(() => inflateSync(bytes)).not.toThrow();
    }
    // A fresh host has no cached blobs: reads unwrap the stored objects (two deflate blocks for big.txt).
    const copy = new GitHost();
    await copy.importState(host.exportState());
    expect(await copy.get('https://h/o/r').readTree('v1')).toEqual({ 'big.txt': 'z'.repeat(70_000), 'hello.txt': 'hello\n' });
  });

  it('reports binary and large files without hunks', async () => {
    const repo = await new GitHost().createRepo('https://h/o/r', { 'a.bin': 'x\0y', 'big.txt': 'a\n'.repeat(40_000) }, { author });
    const base = await repo.resolve('HEAD');
    const next = await repo.commit({ 'a.bin': 'x\0z', 'big.txt': 'b\n'.repeat(40_000) }, 'change', { ...author, timestamp: author.timestamp + 1 });
    expect(await repo.diff(base, next)).toEqual([
      { path: 'a.bin', status: 'modified', binary: true },
      { path: 'big.txt', status: 'modified' },
    ]);
  });

  it('frames stored zlib that node:zlib inflates, and unwraps it back (block edges included)', () => {
    for (const n of [0, 1, 65_535, 65_536, 140_000]) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 7) & 255);
      const framed = zlibStored(data);
      expect(Buffer.compare(inflateSync(framed), Buffer.from(data))).toBe(0);
      expect(Buffer.compare(Buffer.from(unzlibStored(framed) ?? []), Buffer.from(data))).toBe(0);
    }
    expect(unzlibStored(deflateSync(Buffer.from('compressed '.repeat(50))))).toBeUndefined();
  });

  it('computes SHA-1 like FIPS 180 vectors and node:crypto, across block boundaries', () => {
    const enc = new TextEncoder();
    expect(sha1Hex(enc.encode('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(sha1Hex(enc.encode(''))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    for (const n of [1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 255);
      expect(sha1Hex(bytes)).toBe(createHash('sha1').update(bytes).digest('hex'));
    }
  });

  it('round-trips base64 of every length', () => {
    for (let n = 0; n < 7; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 13) & 255);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect([...fromBase64(toBase64(bytes))]).toEqual([...bytes]);
    }
  });
});

describe('unifiedHunks', () => {
  it('formats like git diff: new file, whole delete, insert at the top, no change', () => {
    expect(unifiedHunks('', 'a\n')).toEqual(['@@ -0,0 +1 @@\n+a']);
    expect(unifiedHunks('a\nb\n', '')).toEqual(['@@ -1,2 +0,0 @@\n-a\n-b']);
    expect(unifiedHunks('b\nc\n', 'a\nb\nc\n')).toEqual(['@@ -1,2 +1,3 @@\n+a\n b\n c']);
    expect(unifiedHunks('same\n', 'same\n')).toEqual([]);
  });

  it('joins changes whose context overlaps into one hunk', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8'].join('\n') + '\n';
    const after = ['1', 'two', '3', '4', '5', '6', 'seven', '8'].join('\n') + '\n';
    expect(unifiedHunks(before, after)).toEqual(['@@ -1,8 +1,8 @@\n 1\n-2\n+two\n 3\n 4\n 5\n 6\n-7\n+seven\n 8']);
  });
});
