/** The minimal shell: time controls, the cluster like `kubectl get`, events with "why", and an apply box. */
import { useState } from 'react';
import defaultScenario from '../scenarios/default.yaml?raw';
import { useEngine } from './engine';
import { ApplyPanel, ClusterView, EventsPanel, Header } from './components';

const SCENARIO_FILE = 'scenarios/default.yaml';

export function App() {
  const { engine, view, loadResult } = useEngine(defaultScenario, SCENARIO_FILE);
  const [namespace, setNamespace] = useState('');

  return (
    <div className="app">
      <Header engine={engine} view={view} onRestart={() => engine?.load(defaultScenario, { file: SCENARIO_FILE, playSpeed: view?.playing ? view.speed : 0 })} />
      <main className="layout">
        <ClusterView view={view} namespace={namespace} onNamespace={setNamespace} loadErrors={loadResult?.errors ?? []} />
        <aside className="side" aria-label="Apply and events">
          <ApplyPanel engine={engine} />
          <EventsPanel events={view?.events ?? []} total={view?.totalEvents ?? 0} />
        </aside>
      </main>
    </div>
  );
}
