/**
 * Reads and writes of git objects through isomorphic-git, with caches keyed by object id. Objects are
 * immutable and content-addressed, so a cached tree or blob is never stale; a repo server reading the
 * same revision again (every refresh) then costs no inflating or hashing.
 */
// isomorphic-git reads the global Buffer, which a Web Worker lacks.
import './bufferShim.js';
import * as git from 'isomorphic-git';
import type { TreeEntry } from 'isomorphic-git';
import type { MemFs } from './memFs.js';
import { parseCommit, parseTag, parseTree, splitWrapped, type ParsedCommit, type ParsedTag, type RawObject } from './parse.js';
import { inflateZlib } from './inflate.js';
import { sha1Hex } from './sha1.js';
import { GitError } from './types.js';
import { unzlibStored, zlibStored } from './zlibStored.js';

const encoder = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export interface Blob {
  /** UTF-8 text, or undefined when the blob is binary (a NUL byte or invalid UTF-8, git's heuristic). */
  text: string | undefined;
  size: number;
}

export class GitObjects {
  private readonly trees = new Map<string, readonly TreeEntry[]>();
  private readonly blobs = new Map<string, Blob>();
  private readonly commits = new Map<string, ParsedCommit>();

  constructor(
    readonly fs: MemFs,
    readonly gitdir: string,
  ) {}

  async readTree(oid: string): Promise<readonly TreeEntry[]> {
    let tree = this.trees.get(oid);
    if (!tree) {
      tree = (await git.readTree({ fs: this.fs, gitdir: this.gitdir, oid })).tree;
      this.trees.set(oid, tree);
    }
    return tree;
  }

  async writeTree(tree: TreeEntry[]): Promise<string> {
    return this.restore(await git.writeTree({ fs: this.fs, gitdir: this.gitdir, tree }));
  }

  /**
   * Re-frames an object isomorphic-git wrote (compressed by whatever the runtime offers) as a stored
   * zlib stream, so a snapshot has the same bytes in Node and in a browser. Returns `oid`.
   */
  async restore(oid: string): Promise<string> {
    const { object } = await git.readObject({ fs: this.fs, gitdir: this.gitdir, oid, format: 'wrapped' });
    if (object instanceof Uint8Array) {
      await this.fs.promises.writeFile(`${this.gitdir}/objects/${oid.slice(0, 2)}/${oid.slice(2)}`, zlibStored(object));
    }
    return oid;
  }

  async readBlob(oid: string): Promise<Blob> {
    let blob = this.blobs.get(oid);
    if (!blob) {
      const bytes = (await this.readStoredBlob(oid)) ?? (await git.readBlob({ fs: this.fs, gitdir: this.gitdir, oid })).blob;
      blob = { text: decodeText(bytes), size: bytes.byteLength };
      this.blobs.set(oid, blob);
    }
    return blob;
  }

  /**
   * Fast path for the loose objects this module writes (stored zlib, see zlibStored.ts): unwrap in place
   * instead of a stream decompressor per blob. Anything else (packed, compressed) goes to isomorphic-git.
   */
  private async readStoredBlob(oid: string): Promise<Uint8Array | undefined> {
    const path = `${this.gitdir}/objects/${oid.slice(0, 2)}/${oid.slice(2)}`;
    const file = this.fs.files.get(path);
    const wrapped = file && unzlibStored(file);
    if (!wrapped) return undefined;
    const nul = wrapped.indexOf(0);
    const header = new TextDecoder().decode(wrapped.subarray(0, nul));
    if (nul < 0 || header !== `blob ${wrapped.length - nul - 1}`) return undefined;
    return wrapped.subarray(nul + 1);
  }

  /** Blob content as text; binary content decoded leniently (the sandbox's files are text). */
  async readText(oid: string): Promise<string> {
    const blob = await this.readBlob(oid);
    if (blob.text !== undefined) return blob.text;
    return new TextDecoder().decode((await git.readBlob({ fs: this.fs, gitdir: this.gitdir, oid })).blob);
  }

  /** Hashes and stores a blob as a loose object (see zlibStored.ts for why we frame it ourselves). */
  async writeBlob(content: string): Promise<string> {
    const bytes = encoder.encode(content);
    const header = encoder.encode(`blob ${bytes.byteLength}\0`);
    const wrapped = new Uint8Array(header.byteLength + bytes.byteLength);
    wrapped.set(header);
    wrapped.set(bytes, header.byteLength);
    const oid = sha1Hex(wrapped);
    if (!this.blobs.has(oid)) {
      const object = zlibStored(wrapped);
      await git.writeObject({ fs: this.fs, gitdir: this.gitdir, type: 'blob', object, format: 'deflated', oid });
      this.blobs.set(oid, { text: decodeText(bytes), size: bytes.byteLength });
    }
    return oid;
  }

  /** The root tree of a commit. */
  async commitTree(sha: string): Promise<string> {
    return (await git.readCommit({ fs: this.fs, gitdir: this.gitdir, oid: sha })).commit.tree;
  }

  // --- Synchronous reads (controllers reconcile synchronously) -------------------------------------

  /** A loose object: our stored-zlib framing unwrapped in place, anything compressed inflated (inflate.ts). */
  rawSync(oid: string): RawObject | undefined {
    const file = this.fs.files.get(`${this.gitdir}/objects/${oid.slice(0, 2)}/${oid.slice(2)}`);
    if (!file) return undefined;
    let wrapped = unzlibStored(file);
    if (!wrapped) {
      try {
        wrapped = inflateZlib(file);
      } catch {
        return undefined;
      }
    }
    return splitWrapped(wrapped);
  }

  private mustRawSync(oid: string, type: RawObject['type']): Uint8Array {
    const raw = this.rawSync(oid);
    if (!raw) throw new GitError('RevisionNotFound', `object ${oid} not found`);
    if (raw.type !== type) throw new GitError('RevisionNotFound', `object ${oid} is a ${raw.type}, not a ${type}`);
    return raw.body;
  }

  readTreeSync(oid: string): readonly TreeEntry[] {
    let tree = this.trees.get(oid);
    if (!tree) {
      tree = parseTree(this.mustRawSync(oid, 'tree'));
      this.trees.set(oid, tree);
    }
    return tree;
  }

  readCommitSync(oid: string): ParsedCommit {
    let commit = this.commits.get(oid);
    if (!commit) {
      commit = parseCommit(this.mustRawSync(oid, 'commit'));
      this.commits.set(oid, commit);
    }
    return commit;
  }

  readTagSync(oid: string): ParsedTag {
    return parseTag(this.mustRawSync(oid, 'tag'));
  }

  readBlobSync(oid: string): Blob {
    let blob = this.blobs.get(oid);
    if (!blob) {
      const bytes = this.mustRawSync(oid, 'blob');
      blob = { text: decodeText(bytes), size: bytes.byteLength };
      this.blobs.set(oid, blob);
    }
    return blob;
  }

  readTextSync(oid: string): string {
    const blob = this.readBlobSync(oid);
    return blob.text ?? new TextDecoder().decode(this.mustRawSync(oid, 'blob'));
  }

  commitTreeSync(sha: string): string {
    return this.readCommitSync(sha).tree;
  }
}

function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.subarray(0, 8000).includes(0)) return undefined;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}
