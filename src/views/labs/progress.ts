/** What the learner did in the labs, kept in localStorage: the open lab or scenario, steps done, hints shown. */
import { useCallback, useSyncExternalStore } from 'react';

export interface LabProgress {
  /** Step the learner is on (0-based). */
  step: number;
  /** Ids of the steps whose checks have all held at least once. */
  done: string[];
  /** Hints revealed, per step id. */
  hints: Record<string, number>;
  /** Step ids whose solution was revealed. */
  revealed: string[];
}

export interface Progress {
  /** The lab or scenario whose world the engine holds (started from this page). */
  active?: { kind: 'lab' | 'scenario'; id: string };
  labs: Record<string, LabProgress>;
  presenter: boolean;
}

const KEY = 'argo-sandbox.labs.v1';
const EMPTY: Progress = { labs: {}, presenter: false };

function read(): Progress {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
    return raw ? { ...EMPTY, ...(JSON.parse(raw) as Partial<Progress>) } : EMPTY;
  } catch {
    return EMPTY;
  }
}

let current = read();
const listeners = new Set<() => void>();

export function updateProgress(fn: (p: Progress) => Progress): void {
  current = fn(current);
  try {
    localStorage.setItem(KEY, JSON.stringify(current));
  } catch {
    // Private mode or a full quota: progress lives for this page only.
  }
  for (const l of listeners) l();
}

export function labProgress(p: Progress, id: string): LabProgress {
  return p.labs[id] ?? { step: 0, done: [], hints: {}, revealed: [] };
}

export function useProgress(): [Progress, (fn: (p: Progress) => Progress) => void] {
  const p = useSyncExternalStore(
    useCallback((l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    }, []),
    () => current,
  );
  return [p, updateProgress];
}

/** `p` with lab `id`'s progress changed by `fn`. */
export function withLab(p: Progress, id: string, fn: (l: LabProgress) => LabProgress): Progress {
  return { ...p, labs: { ...p.labs, [id]: fn(labProgress(p, id)) } };
}
