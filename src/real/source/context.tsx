/**
 * Which world the views show: the simulation (always running) or the real cluster behind the bridge.
 * One bridge connection for the whole app, so the header switch, the Real cluster tab and the views share it.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { bridgeFromHash } from '../bridgeClient';
import { initialTarget, useBridge } from '../useBridge';
import type { BridgeState } from '../useBridge';

export type DataSource = 'simulated' | 'real';

export interface RealSource {
  bridge: BridgeState;
  /** What the user picked; `real` only sticks while the bridge is connected. */
  source: DataSource;
  /** True when views should show the real cluster (picked and connected). */
  active: boolean;
  setSource(s: DataSource): void;
}

const noop = () => undefined;
const IDLE: RealSource = {
  bridge: { connecting: false, connect: async () => undefined, disconnect: noop },
  source: 'simulated',
  active: false,
  setSource: noop,
};

export const RealSourceContext = createContext<RealSource>(IDLE);

export function useRealSource(): RealSource {
  return useContext(RealSourceContext);
}

export function RealSourceProvider({ children }: { children: ReactNode }) {
  const [auto] = useState(initialTarget);
  const bridge = useBridge(auto);
  const [source, setSourceState] = useState<DataSource>('simulated');
  const connected = !!bridge.client;
  // A dropped bridge puts the views back on the simulation (never a stale "real" picture).
  useEffect(() => {
    if (!connected) setSourceState('simulated');
  }, [connected]);
  // The link `real up` prints, opened in a tab that already runs the app (only the hash changes): connect too.
  const { connect } = bridge;
  useEffect(() => {
    const onHash = () => {
      if (bridgeFromHash(location.hash)) void connect(initialTarget());
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [connect]);
  const setSource = useCallback((s: DataSource) => setSourceState(s), []);
  const value = useMemo<RealSource>(() => ({ bridge, source, active: source === 'real' && connected, setSource }), [bridge, source, connected, setSource]);
  return <RealSourceContext.Provider value={value}>{children}</RealSourceContext.Provider>;
}
