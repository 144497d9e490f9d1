/**
 * `WorkspaceProvider` + `useWorkspace()`: one workspace for the whole app. Git working copies follow each repo's
 * HEAD from the `git` feature (a new repo or a moved HEAD re-reads its tree; local edits are kept).
 */
import { createContext, useContext, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { Engine } from '../engine';
import { query, useQuery } from '../engine/feature';
import type { ViewModel } from '../worker/protocol';
import { CLUSTER_DIR } from './model';
import type { WorkspaceState } from './model';
import { WorkspaceStore } from './store';
import type { WorkspaceApi } from './store';

const WorkspaceContext = createContext<WorkspaceApi | null>(null);

export const DEFAULT_SCRATCH = `${CLUSTER_DIR}default.yaml`;

export function WorkspaceProvider({ engine, view, scenario, children }: { engine: Engine | null; view: ViewModel | null; scenario: string; children: ReactNode }) {
  const store = useMemo(() => new WorkspaceStore({ files: { [DEFAULT_SCRATCH]: scenario }, base: {}, open: [DEFAULT_SCRATCH], active: DEFAULT_SCRATCH }), [scenario]);
  const heads = useRef(new Map<string, string>());
  store.onImport = () => heads.current.clear();
  const repos = useQuery(engine, view, 'git', 'repos');

  useEffect(() => {
    if (!engine || !repos.data) return;
    let live = true;
    for (const r of repos.data) {
      if (!r.head || heads.current.get(r.name) === r.head) continue;
      heads.current.set(r.name, r.head);
      query(engine, 'git', 'tree', r.url, r.head)
        .then((t) => live && store.syncBase(r.name, t.files))
        .catch((err: unknown) => {
          heads.current.delete(r.name);
          console.warn(`workspace: cannot read ${r.url}`, err);
        });
    }
    return () => {
      live = false;
    };
  }, [engine, repos.data, store]);

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
