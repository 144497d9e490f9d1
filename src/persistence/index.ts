/** Workspace persistence: IndexedDB autosave, export/import file, share link, reset. One instance per page. */
import { useSyncExternalStore } from 'react';
import { Persistence } from './persistence';
import type { PersistenceState } from './persistence';

export const persistence = new Persistence();

/** The persistence state (save status, attached workspace, git branches), re-rendering on change. */
export function usePersistence(): PersistenceState {
  return useSyncExternalStore(persistence.subscribe, persistence.getState);
}

export { Persistence } from './persistence';
export type { PersistenceState, SaveStatus, WorkspaceLike, Defaults } from './persistence';
export { parseWorkspace, validateWorkspace, WorkspaceFormatError, EXPORT_FILE, FORMAT, FORMAT_VERSION } from './format';
export type { WorkspaceDocument, SavedFiles } from './format';
export { encodeShare, decodeShare, SHARE_PREFIX, SHARE_URL_WARN_CHARS } from './share';
export { KeyValueStore } from './idb';
