/**
 * `WorkspaceProvider` + `useWorkspace()`: one workspace for the whole app. Git working copies follow the branch
 * checked out in the Git tab (kept by persistence across reloads), else each repo's default branch: a new repo or a
 * moved branch re-reads its tree; local edits are kept.
 */
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { Engine } from '../engine';
import { query, useQuery } from '../engine/feature';
import { usePersistence } from '../persistence';
import type { ViewModel } from '../worker/protocol';
import { CLUSTER_DIR } from './model';
import type { WorkspaceState } from './model';
import { HeadFollower } from './follow';
import { WorkspaceStore } from './store';
import type { WorkspaceApi } from './store';

const WorkspaceContext = createContext<WorkspaceApi | null>(null);

export const DEFAULT_SCRATCH = `${CLUSTER_DIR}default.yaml`;

export function WorkspaceProvider({ engine, view, scenario, children }: { engine: Engine | null; view: ViewModel | null; scenario: string; children: ReactNode }) {
  const store = useMemo(() => new WorkspaceStore({ files: { [DEFAULT_SCRATCH]: scenario }, base: {}, open: [DEFAULT_SCRATCH], active: DEFAULT_SCRATCH }), [scenario]);
  const follower = useMemo(() => new HeadFollower((name, files) => store.syncBase(name, files)), [store]);
  store.onImport = () => follower.reset();
  const repos = useQuery(engine, view, 'git', 'repos');
  const { branches } = usePersistence();
  // Any journaled action or timeline move may have moved a branch other than HEAD's.
  const t = view?.timeline;
  const worldKey = t ? `${t.start}|${t.marks.length}|${t.cursor}` : '';

  useEffect(() => {
    if (!engine || !repos.data) return;
    void follower.follow((url, ref) => query(engine, 'git', 'tree', url, ref), repos.data, branches, worldKey);
  }, [engine, repos.data, branches, worldKey, follower]);

  return <WorkspaceContext.Provider value={store}>{children}</WorkspaceContext.Provider>;
}

/** The workspace API; re-renders the caller on every change. */
export function useWorkspace(): WorkspaceApi {
  const api = useContext(WorkspaceContext);
  if (!api) throw new Error('useWorkspace() outside <WorkspaceProvider>');
  useSyncExternalStore(api.subscribe, () => api.state);
  return api;
}

/** Only the state (for components that never write). */
export function useWorkspaceState(): WorkspaceState {
  return useWorkspace().state;
}
