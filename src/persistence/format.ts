/**
 * The saved workspace, one versioned JSON document: the world's load input + journal + time (the world itself is
 * rebuilt by replay), the editor's files, and the open view. The same document is the export file, the IndexedDB
 * record and (compressed) the share link.
 */
import type { SessionState, TimelineEntry } from '../worker/protocol';

export const FORMAT = 'argo-sandbox-workspace';
export const FORMAT_VERSION = 1;
export const EXPORT_FILE = 'argo-sandbox-workspace.json';

/** The editor's files (U1's `WorkspaceState`, kept structurally so this module does not depend on the editor). */
export interface SavedFiles {
  files: Record<string, string>;
  base: Record<string, string>;
  open: string[];
  active?: string;
}

export interface WorkspaceDocument {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  session: SessionState;
  workspace?: SavedFiles;
  /** The view that was open (`editor`, `git`…). */
  view?: string;
  /** Branch checked out per repository in the git panel (repo URL → branch). */
  branches?: Record<string, string>;
}

export class WorkspaceFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceFormatError';
  }
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(path: string, want: string, got: unknown): never {
  const what = got === undefined ? 'missing' : Array.isArray(got) ? 'an array' : got === null ? 'null' : `a ${typeof got}`;
  throw new WorkspaceFormatError(`${path}: expected ${want}, got ${what}`);
}

function str(o: Obj, key: string, path: string): string {
  const v = o[key];
  return typeof v === 'string' ? v : fail(`${path}.${key}`, 'a string', v);
}

function num(o: Obj, key: string, path: string): number {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fail(`${path}.${key}`, 'a number', v);
}

function obj(v: unknown, path: string): Obj {
  return isObj(v) ? v : fail(path, 'an object', v);
}

function stringMap(v: unknown, path: string, nullable = false): Record<string, string> {
  const o = obj(v, path);
  for (const [k, val] of Object.entries(o)) if (typeof val !== 'string' && !(nullable && val === null)) fail(`${path}[${JSON.stringify(k)}]`, 'a string', val);
  return o as Record<string, string>;
}

function entry(v: unknown, path: string): TimelineEntry {
  const o = obj(v, path);
  if (!Array.isArray(o.args)) fail(`${path}.args`, 'an array', o.args);
  if (typeof o.idle !== 'boolean') fail(`${path}.idle`, 'a boolean', o.idle);
  return { t: num(o, 't', path), steps: num(o, 'steps', path), idle: o.idle, feature: str(o, 'feature', path), method: str(o, 'method', path), args: o.args as unknown[] };
}

function session(v: unknown, path: string): SessionState {
  const o = obj(v, path);
  if (o.version !== 1) throw new WorkspaceFormatError(`${path}.version: unsupported session version ${JSON.stringify(o.version)} (this sandbox reads 1)`);
  const input = obj(o.input, `${path}.input`);
  const entries = o.entries;
  if (!Array.isArray(entries)) fail(`${path}.entries`, 'an array', entries);
  const parsed = entries.map((e, i) => entry(e, `${path}.entries[${i}]`));
  for (let i = 1; i < parsed.length; i++) {
    if (parsed[i]!.t < parsed[i - 1]!.t || parsed[i]!.steps < parsed[i - 1]!.steps) throw new WorkspaceFormatError(`${path}.entries[${i}]: entries must be in time order`);
  }
  const startTime = num(input, 'startTime', `${path}.input`);
  const now = num(o, 'now', path);
  if (now < startTime) throw new WorkspaceFormatError(`${path}.now: ${now} is before the start time ${startTime}`);
  const frame = o.frame === undefined ? undefined : savedFrame(o.frame, `${path}.frame`);
  return {
    ...(frame ? { frame } : {}),
    version: 1,
    input: { text: str(input, 'text', `${path}.input`), file: str(input, 'file', `${path}.input`), seed: num(input, 'seed', `${path}.input`), startTime },
    entries: parsed,
    now,
    horizon: Math.max(now, typeof o.horizon === 'number' ? o.horizon : now),
  };
}

/** A saved world (IndexedDB only): its position is checked; the snapshot itself is the engine's own output. */
function savedFrame(v: unknown, path: string): NonNullable<SessionState['frame']> {
  const o = obj(v, path);
  const snapshot = obj(o.snapshot, `${path}.snapshot`);
  if (snapshot.version !== 1) throw new WorkspaceFormatError(`${path}.snapshot.version: unsupported snapshot version ${JSON.stringify(snapshot.version)}`);
  return { now: num(o, 'now', path), steps: num(o, 'steps', path), cursor: num(o, 'cursor', path), snapshot: snapshot as unknown as NonNullable<SessionState['frame']>['snapshot'] };
}

function files(v: unknown, path: string): SavedFiles {
  const o = obj(v, path);
  const open = o.open;
  if (!Array.isArray(open) || open.some((p) => typeof p !== 'string')) fail(`${path}.open`, 'an array of paths', open);
  const out: SavedFiles = { files: stringMap(o.files, `${path}.files`), base: stringMap(o.base, `${path}.base`), open: open as string[] };
  if (o.active !== undefined) out.active = str(o, 'active', path);
  return out;
}

/** Parse and check a workspace document; every problem names where it is (`session.entries[3].t: expected a number…`). */
export function parseWorkspace(text: string): WorkspaceDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new WorkspaceFormatError(`not a workspace file: ${err instanceof Error ? err.message : String(err)}`);
  }
  return validateWorkspace(json);
}

export function validateWorkspace(json: unknown): WorkspaceDocument {
  const o = obj(json, 'workspace');
  if (o.format !== FORMAT) throw new WorkspaceFormatError(`not a workspace file: "format" is ${JSON.stringify(o.format)}, expected "${FORMAT}"`);
  if (o.version !== FORMAT_VERSION) throw new WorkspaceFormatError(`workspace version ${JSON.stringify(o.version)} is not supported (this sandbox reads version ${FORMAT_VERSION})`);
  const doc: WorkspaceDocument = { format: FORMAT, version: FORMAT_VERSION, session: session(o.session, 'session') };
  if (o.workspace !== undefined) doc.workspace = files(o.workspace, 'workspace');
  if (o.view !== undefined) doc.view = str(o, 'view', 'workspace');
  if (o.branches !== undefined) doc.branches = stringMap(o.branches, 'branches');
  return doc;
}
