/** The result of loading the current scenario (its located errors), for any view that shows them. */
import { createContext, useContext } from 'react';
import type { ApplyResult } from '../worker/protocol';

export const LoadResultContext = createContext<ApplyResult | null>(null);

export function useLoadResult(): ApplyResult | null {
  return useContext(LoadResultContext);
}
