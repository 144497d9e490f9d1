/** Joins the editor's workspace to persistence (renders nothing; must sit inside <WorkspaceProvider>). */
import { useEffect } from 'react';
import { useWorkspace } from '../workspace';
import { persistence } from './index';

export function PersistWorkspace() {
  const ws = useWorkspace();
  useEffect(() => persistence.attachWorkspace(ws), [ws]);
  return null;
}
