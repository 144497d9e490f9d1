/**
 * The global "Simulated ⇄ Real cluster" switch and, while Real is on, the banner that says so.
 * Real is enabled once the bridge is connected (Real cluster tab, or the link `argo-sandbox real up` prints).
 */
import { useRealSource } from './context';
import './source.css';

export function SourceSwitch() {
  const { bridge, source, active, setSource } = useRealSource();
  const connected = !!bridge.client;
  const why = connected ? 'Show the real cluster’s objects in the Cluster, Workflows and Applications tabs' : 'Connect to the bridge in the Real cluster tab first (argo-sandbox real up)';
  return (
    <>
      <div className="source-switch" role="radiogroup" aria-label="Data source">
        <span className="source-label">Data source</span>
        <button type="button" role="radio" aria-checked={source === 'simulated'} className={`btn small ${source === 'simulated' ? 'on' : ''}`} onClick={() => setSource('simulated')}>
          Simulated
        </button>
        <button type="button" role="radio" aria-checked={source === 'real'} className={`btn small ${source === 'real' ? 'on' : ''}`} disabled={!connected} title={why} onClick={() => setSource('real')}>
          Real cluster
        </button>
        {!connected && <span className="source-hint">connect a bridge in the Real cluster tab to enable</span>}
      </div>
      {active && (
        <p className="source-banner" role="status" aria-label="Data source banner">
          Showing the real cluster (read-only){bridge.status?.server ? <> at <code>{bridge.status.server}</code></> : null}. The simulation keeps running underneath; switch back to
          Simulated to act on it.
        </p>
      )}
    </>
  );
}
