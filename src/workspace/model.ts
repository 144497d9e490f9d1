/**
 * The learner's files, on the main thread: git working copies under `repos/<repo>/<path>` (their `base` is the
 * repo's HEAD content) and scratch manifests under `cluster/<name>.yaml`. Plain data and pure functions, so the
 * persistence layer can save it as is and tests need no DOM.
 */

export interface WorkspaceState {
  /** Current text of every file, by workspace path. */
  files: Record<string, string>;
  /** HEAD content of git working-copy files (`repos/…` only). A path in base but not in files is deleted locally. */
  base: Record<string, string>;
  /** Open editor tabs, in order. */
  open: string[];
  active?: string;
}

export const REPOS_DIR = 'repos/';
export const CLUSTER_DIR = 'cluster/';

export function emptyState(): WorkspaceState {
  return { files: {}, base: {}, open: [] };
}

export function repoPrefix(repoName: string): string {
  return `${REPOS_DIR}${repoName}/`;
}

/** `repos/guestbook/app/cm.yaml` → `{ repo: 'guestbook', path: 'app/cm.yaml' }`; undefined for other files. */
export function splitRepoPath(path: string): { repo: string; path: string } | undefined {
  if (!path.startsWith(REPOS_DIR)) return undefined;
  const rest = path.slice(REPOS_DIR.length);
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1) return undefined;
  return { repo: rest.slice(0, slash), path: rest.slice(slash + 1) };
}

/** Workspace paths are relative, `/`-separated, without empty, `.` or `..` segments, under repos/<repo>/ or cluster/. */
export function checkPath(path: string): string | undefined {
  if (!path || path.startsWith('/') || path.endsWith('/')) return `invalid file path "${path}"`;
  if (path.split('/').some((s) => s === '' || s === '.' || s === '..')) return `invalid file path "${path}"`;
  if (path.startsWith(CLUSTER_DIR)) return path.length > CLUSTER_DIR.length ? undefined : `invalid file path "${path}"`;
  if (splitRepoPath(path)) return undefined;
  return `files live under ${CLUSTER_DIR} or ${REPOS_DIR}<repo>/: "${path}"`;
}

/** Modified relative to HEAD: changed, added (no base) or deleted (base only). Scratch files are never "modified". */
export type FileStatus = 'unmodified' | 'modified' | 'added' | 'deleted';

export function fileStatus(state: WorkspaceState, path: string): FileStatus {
  if (!path.startsWith(REPOS_DIR)) return 'unmodified';
  const has = Object.hasOwn(state.files, path);
  const inBase = Object.hasOwn(state.base, path);
  if (has && !inBase) return 'added';
  if (!has && inBase) return 'deleted';
  return has && state.files[path] !== state.base[path] ? 'modified' : 'unmodified';
}

export function write(state: WorkspaceState, path: string, text: string): WorkspaceState {
  const bad = checkPath(path);
  if (bad) throw new Error(bad);
  if (state.files[path] === text) return state;
  return { ...state, files: { ...state.files, [path]: text } };
}

export function create(state: WorkspaceState, path: string, text = ''): WorkspaceState {
  const bad = checkPath(path);
  if (bad) throw new Error(bad);
  if (Object.hasOwn(state.files, path)) throw new Error(`file "${path}" already exists`);
  return openFile({ ...state, files: { ...state.files, [path]: text } }, path);
}

export function remove(state: WorkspaceState, path: string): WorkspaceState {
  if (!Object.hasOwn(state.files, path)) return state;
  const files = { ...state.files };
  delete files[path];
  return closeFile({ ...state, files }, path);
}

export function rename(state: WorkspaceState, from: string, to: string): WorkspaceState {
  if (from === to) return state;
  if (!Object.hasOwn(state.files, from)) throw new Error(`file "${from}" does not exist`);
  const bad = checkPath(to);
  if (bad) throw new Error(bad);
  if (Object.hasOwn(state.files, to)) throw new Error(`file "${to}" already exists`);
  const files = { ...state.files, [to]: state.files[from]! };
  delete files[from];
  const open = state.open.map((p) => (p === from ? to : p));
  return { ...state, files, open, active: state.active === from ? to : state.active };
}

export function openFile(state: WorkspaceState, path: string): WorkspaceState {
  if (!Object.hasOwn(state.files, path)) return state;
  const open = state.open.includes(path) ? state.open : [...state.open, path];
  return open === state.open && state.active === path ? state : { ...state, open, active: path };
}

/** Close a tab; the tab to its right (or left) becomes active. */
export function closeFile(state: WorkspaceState, path: string): WorkspaceState {
  const i = state.open.indexOf(path);
  if (i < 0) return state;
  const open = state.open.filter((p) => p !== path);
  const active = state.active === path ? (open[i] ?? open[i - 1]) : state.active;
  const next: WorkspaceState = { ...state, open };
  if (active === undefined) delete next.active;
  else next.active = active;
  return next;
}

/** Uncommitted changes of one repo: path in repo → new content, or null when deleted. */
export function changes(state: WorkspaceState, repoName: string): Record<string, string | null> {
  const prefix = repoPrefix(repoName);
  const out: Record<string, string | null> = {};
  for (const [p, text] of Object.entries(state.files)) {
    if (p.startsWith(prefix) && state.base[p] !== text) out[p.slice(prefix.length)] = text;
  }
  for (const p of Object.keys(state.base)) {
    if (p.startsWith(prefix) && !Object.hasOwn(state.files, p)) out[p.slice(prefix.length)] = null;
  }
  return out;
}

/**
 * A repo's HEAD moved (commit, checkout, reset): `files` (path in repo → content) becomes its base. Files not
 * modified locally follow HEAD (appear, change, disappear); local edits and deletions are kept, and the ones that
 * now equal HEAD are simply no longer changes.
 */
export function syncBase(state: WorkspaceState, repoName: string, files: Record<string, string>): WorkspaceState {
  const prefix = repoPrefix(repoName);
  const nextFiles = { ...state.files };
  const nextBase: Record<string, string> = {};
  for (const [p, text] of Object.entries(state.base)) if (!p.startsWith(prefix)) nextBase[p] = text;
  const paths = new Set<string>([...Object.keys(files).map((p) => prefix + p), ...Object.keys(state.base).filter((p) => p.startsWith(prefix))]);
  for (const p of paths) {
    const head = files[p.slice(prefix.length)];
    const status = fileStatus(state, p);
    if (head !== undefined) nextBase[p] = head;
    if (status !== 'unmodified') continue; // a local change wins; if it equals the new HEAD it is simply clean now
    if (head === undefined) delete nextFiles[p];
    else nextFiles[p] = head;
  }
  let next: WorkspaceState = { ...state, files: nextFiles, base: nextBase };
  for (const p of state.open) if (!Object.hasOwn(nextFiles, p)) next = closeFile(next, p);
  return next;
}

/** A state read from storage or a file: keep only well-formed parts. */
export function normalize(input: unknown): WorkspaceState {
  const o = (input && typeof input === 'object' ? input : {}) as Partial<WorkspaceState>;
  const strings = (r: unknown): Record<string, string> =>
    Object.fromEntries(Object.entries(r && typeof r === 'object' ? r : {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const files = strings(o.files);
  const open = Array.isArray(o.open) ? o.open.filter((p): p is string => typeof p === 'string' && Object.hasOwn(files, p)) : [];
  const state: WorkspaceState = { files, base: strings(o.base), open };
  if (typeof o.active === 'string' && open.includes(o.active)) state.active = o.active;
  return state;
}
