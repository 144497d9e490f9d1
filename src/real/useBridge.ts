/** The bridge connection as React state: connect, disconnect, status, and the reason it dropped. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BridgeStatus } from '../../bridge/server/protocol';
import { BridgeClient, bridgeFromHash } from './bridgeClient';
import type { BridgeTarget } from './bridgeClient';

const STORE_KEY = 'argo-sandbox.bridge';

/** Where to connect: the link `real up` printed (URL hash), else the last one this tab used. */
export function initialTarget(): BridgeTarget {
  const fromHash = typeof location === 'undefined' ? undefined : bridgeFromHash(location.hash);
  if (fromHash) {
    // Keep the token out of the address bar (and the history) once read; this tab remembers it.
    sessionStorage.setItem(STORE_KEY, JSON.stringify(fromHash));
    history.replaceState(null, '', '#/real');
    return fromHash;
  }
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORE_KEY) ?? 'null') as BridgeTarget | null;
    if (saved?.url && saved.token) return saved;
  } catch {
    // nothing saved
  }
  return { url: 'ws://127.0.0.1:', token: '' };
}

export interface BridgeState {
  client?: BridgeClient;
  status?: BridgeStatus;
  connecting: boolean;
  error?: string;
  connect(target: BridgeTarget): Promise<void>;
  disconnect(): void;
}

export function useBridge(autoConnect?: BridgeTarget): BridgeState {
  const [client, setClient] = useState<BridgeClient>();
  const [status, setStatus] = useState<BridgeStatus>();
  const [connecting, setConnecting] = useState(false);
  const [error, setError] = useState<string>();
  const current = useRef<BridgeClient | undefined>(undefined);

  const connect = useCallback(async (target: BridgeTarget) => {
    current.current?.close();
    setConnecting(true);
    setError(undefined);
    try {
      const c = await BridgeClient.connect(target);
      current.current = c;
      sessionStorage.setItem(STORE_KEY, JSON.stringify(target));
      c.onClose((reason) => {
        if (current.current !== c) return;
        current.current = undefined;
        setClient(undefined);
        setStatus(undefined);
        setError(`Disconnected: ${reason}`);
      });
      setStatus(await c.call('bridge.status'));
      setClient(c);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setConnecting(false);
    }
  }, []);

  const disconnect = useCallback(() => {
    const c = current.current;
    current.current = undefined;
    c?.close();
    setClient(undefined);
    setStatus(undefined);
  }, []);

  useEffect(() => {
    if (autoConnect?.token && autoConnect.url.length > 'ws://127.0.0.1:'.length) void connect(autoConnect);
    return () => current.current?.close();
    // Only on mount: later connections come from the form.
  }, []);

  return { client, status, connecting, error, connect, disconnect };
}
