/** Moving between views: `go('workflows', { kind: 'Workflow', namespace, name })`. The hash keeps the view (`#/workflows`). */
import { createContext, useContext } from 'react';

/** What a view is asked to show: an object, optionally one part of it (a workflow node id, a container name). */
export interface NavTarget {
  apiVersion?: string;
  kind: string;
  namespace?: string;
  name: string;
  /** A workflow node id, a container name, a file path… meaning is up to the view. */
  part?: string;
}

export interface Nav {
  current: string;
  target?: NavTarget;
  go(viewId: string, target?: NavTarget): void;
}

export const NavContext = createContext<Nav>({ current: 'cluster', go: () => undefined });

export function useNav(): Nav {
  return useContext(NavContext);
}
