/**
 * A minimal in-memory `fs.promises` for isomorphic-git: a map of absolute path → bytes plus a set of
 * directories. Small on purpose (no node:fs, no timers) so it runs the same in Node and a Web Worker,
 * and its content is plain data that a sandbox snapshot can carry.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An error shaped like Node's, because isomorphic-git branches on `err.code`. */
class FsError extends Error {
  constructor(
    readonly code: 'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'ENOTEMPTY' | 'EISDIR',
    op: string,
    path: string,
  ) {
    super(`${code}: ${op} '${path}'`);
  }
}

/** The subset of `fs.Stats` isomorphic-git reads. Times are fixed: the engine has no wall clock. */
class MemStats {
  readonly mode: number;
  readonly size: number;
  readonly ino = 0;
  readonly uid = 0;
  readonly gid = 0;
  readonly dev = 0;
  readonly mtimeMs = 0;
  readonly ctimeMs = 0;
  readonly mtime = { seconds: 0, nanoseconds: 0 };
  readonly ctime = { seconds: 0, nanoseconds: 0 };
  constructor(private readonly dir: boolean, size: number) {
    this.mode = dir ? 0o40755 : 0o100644;
    this.size = size;
  }
  isDirectory(): boolean {
    return this.dir;
  }
  isFile(): boolean {
    return !this.dir;
  }
  isSymbolicLink(): boolean {
    return false;
  }
}

function clean(path: string): string {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  return '/' + parts.join('/');
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

type ReadOptions = string | { encoding?: string } | undefined;

function wantsText(options: ReadOptions): boolean {
  const enc = typeof options === 'string' ? options : options?.encoding;
  return enc === 'utf8' || enc === 'utf-8';
}

/** The promise API isomorphic-git calls (see its `FileSystem` wrapper: readFile … symlink). */
export class MemFsPromises {
  constructor(
    private readonly files: Map<string, Uint8Array>,
    private readonly dirs: Set<string>,
    /** dir → names in it, so readdir does not scan every object. */
    private readonly children: Map<string, Set<string>>,
  ) {}

  async readFile(path?: string, options?: ReadOptions): Promise<Uint8Array | string> {
    if (path === undefined) throw new FsError('ENOENT', 'open', '');
    const p = clean(path);
    const data = this.files.get(p);
    if (data === undefined) throw new FsError(this.dirs.has(p) ? 'EISDIR' : 'ENOENT', 'open', p);
    return wantsText(options) ? decoder.decode(data) : data;
  }

  async writeFile(path: string, data: Uint8Array | string): Promise<void> {
    this.writeFileSync(path, data);
  }

  writeFileSync(path: string, data: Uint8Array | string): void {
    const p = clean(path);
    if (!this.dirs.has(parentOf(p))) throw new FsError('ENOENT', 'open', p);
    if (this.dirs.has(p)) throw new FsError('EISDIR', 'open', p);
    // Copy: callers may reuse their buffer, and a snapshot must not alias live memory.
    this.files.set(p, typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data));
    this.link(p);
  }

  async mkdir(path: string): Promise<void> {
    this.mkdirSync(path);
  }

  mkdirSync(path: string): void {
    const p = clean(path);
    if (this.dirs.has(p) || this.files.has(p)) throw new FsError('EEXIST', 'mkdir', p);
    if (!this.dirs.has(parentOf(p))) throw new FsError('ENOENT', 'mkdir', p);
    this.dirs.add(p);
    this.link(p);
  }

  async rmdir(path: string): Promise<void> {
    const p = clean(path);
    if (!this.dirs.has(p)) throw new FsError(this.files.has(p) ? 'ENOTDIR' : 'ENOENT', 'rmdir', p);
    if (this.childrenOf(p).length > 0) throw new FsError('ENOTEMPTY', 'rmdir', p);
    this.dirs.delete(p);
    this.unlinkName(p);
  }

  async unlink(path: string): Promise<void> {
    const p = clean(path);
    if (!this.files.delete(p)) throw new FsError('ENOENT', 'unlink', p);
    this.unlinkName(p);
  }

  async stat(path: string): Promise<MemStats> {
    const p = clean(path);
    if (this.dirs.has(p)) return new MemStats(true, 0);
    const data = this.files.get(p);
    if (data === undefined) throw new FsError('ENOENT', 'stat', p);
    return new MemStats(false, data.byteLength);
  }

  async lstat(path: string): Promise<MemStats> {
    return this.stat(path);
  }

  async readdir(path: string): Promise<string[]> {
    const p = clean(path);
    if (!this.dirs.has(p)) throw new FsError(this.files.has(p) ? 'ENOTDIR' : 'ENOENT', 'scandir', p);
    return this.childrenOf(p);
  }

  async readlink(path: string): Promise<string> {
    throw new FsError('ENOENT', 'readlink', clean(path));
  }

  async symlink(_target: string, path: string): Promise<void> {
    throw new FsError('EEXIST', 'symlink', clean(path));
  }

  private childrenOf(dir: string): string[] {
    return [...(this.children.get(dir) ?? [])].sort();
  }

  private link(path: string): void {
    const parent = parentOf(path);
    let names = this.children.get(parent);
    if (!names) this.children.set(parent, (names = new Set()));
    names.add(path.slice(parent === '/' ? 1 : parent.length + 1));
  }

  private unlinkName(path: string): void {
    const parent = parentOf(path);
    this.children.get(parent)?.delete(path.slice(parent === '/' ? 1 : parent.length + 1));
  }
}

/** An fs object with an enumerable `promises`, the shape isomorphic-git looks for first. */
export class MemFs {
  readonly files = new Map<string, Uint8Array>();
  readonly dirs = new Set<string>(['/']);
  readonly promises: MemFsPromises;

  constructor() {
    this.promises = new MemFsPromises(this.files, this.dirs, new Map());
  }

  /** Every file as base64, sorted by path, so two equal repositories export equal JSON. */
  exportFiles(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const path of [...this.files.keys()].sort()) out[path] = toBase64(this.files.get(path) as Uint8Array);
    return out;
  }

  /** Loads an export into this (empty) filesystem through the normal write path. */
  async importFiles(files: Record<string, string>): Promise<void> {
    this.importFilesSync(files);
  }

  /** `importFiles` without a promise, for a synchronous `Sandbox.restore`. */
  importFilesSync(files: Record<string, string>): void {
    for (const [path, b64] of Object.entries(files)) {
      const p = clean(path);
      const missing: string[] = [];
      for (let d = parentOf(p); d !== '/' && !this.dirs.has(d); d = parentOf(d)) missing.unshift(d);
      for (const d of missing) this.promises.mkdirSync(d);
      this.promises.writeFileSync(p, fromBase64(b64));
    }
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 without Buffer or btoa, so the snapshot format is the same in every runtime. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return out;
}

/** Character code → 6-bit value (-1: not base64), so decoding is a table lookup per character. */
const B64_INDEX = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) t[B64.charCodeAt(i)] = i;
  return t;
})();

export function fromBase64(text: string): Uint8Array {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61) end--; // '='
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? B64_INDEX[c]! : -1;
    if (v < 0) throw new Error(`invalid base64 character '${text[i]}'`);
    value = ((value << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 255;
    }
  }
  return out;
}
