/** The workspace as a small observable store implementing `WorkspaceApi` (React reads it with useSyncExternalStore). */
import * as M from './model';
import type { WorkspaceState } from './model';

export interface WorkspaceApi {
  state: WorkspaceState;
  write(path: string, text: string): void;
  create(path: string, text?: string): void;
  remove(path: string): void;
  rename(from: string, to: string): void;
  openFile(path: string): void;
  closeFile(path: string): void;
  /** Uncommitted changes of one repo: path in repo → new content, or null when deleted. */
  changes(repoName: string): Record<string, string | null>;
  /** After a commit/checkout: the repo's new HEAD files become the base (local edits kept; equal ones cleared). */
  syncBase(repoName: string, files: Record<string, string>): void;
  exportState(): WorkspaceState;
  importState(state: WorkspaceState): void;
  /** Subscribe to every change (persistence uses it). Returns unsubscribe. */
  subscribe(listener: (state: WorkspaceState) => void): () => void;
  /** Extra: how a file stands against HEAD (tree markers). */
  status(path: string): M.FileStatus;
  /** Extra: called after importState, so HEAD-following starts over (set by the provider). */
  onImport?: () => void;
  /**
   * Extra: told of a rename just before the state changes (the editor moves the file's model, and so its undo
   * history, to the new path). Returns unsubscribe.
   */
  subscribeRenames?(listener: (from: string, to: string) => void): () => void;
}

export class WorkspaceStore implements WorkspaceApi {
  private current: WorkspaceState;
  private readonly listeners = new Set<(state: WorkspaceState) => void>();
  private readonly renameListeners = new Set<(from: string, to: string) => void>();
  onImport?: () => void;

  constructor(initial: WorkspaceState = M.emptyState()) {
    this.current = initial;
  }

  get state(): WorkspaceState {
    return this.current;
  }

  private set(next: WorkspaceState): void {
    if (next === this.current) return;
    this.current = next;
    for (const l of [...this.listeners]) l(next);
  }

  write(path: string, text: string): void {
    this.set(M.write(this.current, path, text));
  }
  create(path: string, text?: string): void {
    this.set(M.create(this.current, path, text));
  }
  remove(path: string): void {
    this.set(M.remove(this.current, path));
  }
  rename(from: string, to: string): void {
    const next = M.rename(this.current, from, to);
    if (next === this.current) return;
    for (const l of [...this.renameListeners]) l(from, to);
    this.set(next);
  }
  openFile(path: string): void {
    this.set(M.openFile(this.current, path));
  }
  closeFile(path: string): void {
    this.set(M.closeFile(this.current, path));
  }
  changes(repoName: string): Record<string, string | null> {
    return M.changes(this.current, repoName);
  }
  syncBase(repoName: string, files: Record<string, string>): void {
    this.set(M.syncBase(this.current, repoName, files));
  }
  status(path: string): M.FileStatus {
    return M.fileStatus(this.current, path);
  }
  exportState(): WorkspaceState {
    return structuredClone(this.current);
  }
  importState(state: WorkspaceState): void {
    this.set(M.normalize(structuredClone(state)));
    this.onImport?.();
  }
  subscribeRenames(listener: (from: string, to: string) => void): () => void {
    this.renameListeners.add(listener);
    return () => {
      this.renameListeners.delete(listener);
    };
  }
  /** An arrow, so it is stable and can be passed around unbound (useSyncExternalStore). */
  subscribe = (listener: (state: WorkspaceState) => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };
}
