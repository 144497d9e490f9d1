/**
 * "Real cluster": connect to the bridge that `argo-sandbox real up` started, send the simulation's
 * repositories and runs to the real cluster, watch its objects, and compare a Workflow's node phases
 * or an Application's sync result side by side with the simulation's.
 */
import { useEffect, useState } from 'react';
import type { KubeObject, ObjectRef, RepoFiles, ServedRepo } from '../../bridge/server/protocol';
import type { BridgeTarget } from './bridgeClient';
import { CompareTable } from './CompareTable';
import { compareRun } from './compare';
import type { Comparison } from './compare';
import { KIND_CHOICES, RealObjectList } from './RealObjectList';
import type { KindChoice } from './RealObjectList';
import { sendable } from './sendable';
import { initialTarget } from './useBridge';
import { useRealSource } from './source/context';
import './styles.css';

/** What the panel needs from the simulation (the view adapter reads it from the engine). */
export interface SimSide {
  get(ref: ObjectRef): Promise<KubeObject | undefined>;
  /** Workflows and Applications the simulation has, to send to the real cluster. */
  runs: ObjectRef[];
  repos(): Promise<RepoFiles[]>;
}

const refKey = (r: ObjectRef) => `${r.kind}/${r.namespace ?? ''}/${r.name}`;

function ConnectForm({ busy, onConnect }: { busy: boolean; onConnect(t: BridgeTarget): void }) {
  const [target, setTarget] = useState<BridgeTarget>(initialTarget);
  return (
    <form
      className="real-connect"
      aria-label="Connect to the bridge"
      onSubmit={(e) => {
        e.preventDefault();
        onConnect(target);
      }}
    >
      <p>
        Run <code>argo-sandbox real up</code> (needs Docker): it starts a kind cluster with Argo CD and Argo Workflows and prints a link that
        connects this tab. Or paste its bridge address and token:
      </p>
      <label>
        Bridge <input name="bridge" value={target.url} onChange={(e) => setTarget({ ...target, url: e.target.value })} spellCheck={false} />
      </label>
      <label>
        Token <input name="token" type="password" value={target.token} onChange={(e) => setTarget({ ...target, token: e.target.value })} autoComplete="off" />
      </label>
      <button type="submit" disabled={busy || !target.token}>
        {busy ? 'Connecting…' : 'Connect'}
      </button>
    </form>
  );
}

export function RealClusterPanel({ sim }: { sim: SimSide }) {
  // The app-wide connection (RealSourceProvider): the header's data-source switch uses the same one.
  const { bridge } = useRealSource();
  const [choice, setChoice] = useState<KindChoice>(KIND_CHOICES[0]!);
  const [selected, setSelected] = useState<ObjectRef>();
  const [comparison, setComparison] = useState<Comparison>();
  const [served, setServed] = useState<ServedRepo[]>([]);
  const [notice, setNotice] = useState<string>();
  const client = bridge.client;

  useEffect(() => {
    if (!client || !selected) return setComparison(undefined);
    let live = true;
    const refresh = async () => {
      const [real, simObj] = await Promise.all([client.call('cluster.get', selected), sim.get(selected)]);
      if (live) setComparison(compareRun(simObj, real ?? undefined));
    };
    void refresh().catch(() => undefined);
    const timer = setInterval(() => void refresh().catch(() => undefined), 2_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [client, selected, sim]);

  const act = async (what: string, fn: () => Promise<string>) => {
    setNotice(`${what}…`);
    try {
      setNotice(await fn());
    } catch (err) {
      setNotice(`${what} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  if (!client) {
    return (
      <main className="real-page">
        <h2>Real cluster</h2>
        {bridge.error && <p className="real-error" role="alert">{bridge.error}</p>}
        <ConnectForm busy={bridge.connecting} onConnect={(t) => void bridge.connect(t)} />
      </main>
    );
  }

  const repoMap = Object.fromEntries(served.filter((r) => r.clusterURL).map((r) => [r.repoURL, r.clusterURL!]));
  return (
    <main className="real-page">
      <header className="real-status" role="status">
        <strong>Connected</strong> to {bridge.status?.provider ? `the ${bridge.status.provider} cluster` : 'the cluster'} at <code>{bridge.status?.server}</code>
        {bridge.status?.kubeconfigPath && (
          <>
            {' '}
            — <code>KUBECONFIG={bridge.status.kubeconfigPath} kubectl get pods -A</code>
          </>
        )}
        <button type="button" onClick={bridge.disconnect}>
          Disconnect
        </button>
      </header>
      <section className="real-send" aria-label="Send from the simulation">
        <h3>Send from the simulation</h3>
        <button
          type="button"
          onClick={() =>
            void act('Sending the repositories', async () => {
              const list = await client.call('git.loadFiles', await sim.repos());
              setServed(list);
              return `Serving ${list.length} repositor${list.length === 1 ? 'y' : 'ies'} to the cluster${list[0]?.clusterURL ? ` (e.g. ${list[0].clusterURL})` : ''}.`;
            })
          }
        >
          Send repositories
        </button>
        {sim.runs.map((ref) => (
          <button
            key={refKey(ref)}
            type="button"
            onClick={() =>
              void act(`Applying ${ref.kind} ${ref.name}`, async () => {
                const obj = await sim.get(ref);
                if (!obj) throw new Error(`${ref.kind} ${ref.name} is not in the simulation any more`);
                await client.call('cluster.apply', sendable(obj, repoMap));
                setChoice(KIND_CHOICES.find((c) => c.kind === ref.kind) ?? KIND_CHOICES[0]!);
                setSelected(ref);
                return `Applied ${ref.kind} ${ref.name} to the real cluster.`;
              })
            }
          >
            Run {ref.kind} {ref.name} for real
          </button>
        ))}
        {notice && <p className="muted">{notice}</p>}
      </section>
      <nav className="real-kinds" aria-label="Kinds">
        {KIND_CHOICES.map((c) => (
          <button key={c.kind} type="button" className={`tab ${c.kind === choice.kind ? 'on' : ''}`} onClick={() => setChoice(c)}>
            {c.label}
          </button>
        ))}
      </nav>
      <RealObjectList client={client} choice={choice} selected={selected ? `${selected.namespace ?? ''}/${selected.name}` : undefined} onSelect={setSelected} />
      {comparison ? <CompareTable comparison={comparison} /> : selected && <p className="muted">Pick a Workflow or an Application to compare it with the simulation.</p>}
    </main>
  );
}
