/** The shell: time controls on top (visible everywhere), a tab per view, the open view below. */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import defaultScenario from '../scenarios/default.yaml?raw';
import { useEngine } from './engine';
import { Header } from './components';
import { NavContext, VIEWS } from './views';
import type { Nav, NavTarget } from './views';
import { LoadResultContext } from './views/loadResult';
import { RealSourceProvider, SourceSwitch } from './real/source';
import { WorkspaceProvider } from './workspace';

const SCENARIO_FILE = 'scenarios/default.yaml';
/** The open lab's step and checks on every view (renders nothing unless the world is a lab's). */
const LabDock = lazy(() => import('./views/labs/Dock'));

function viewFromHash(): string {
  const id = typeof location === 'undefined' ? '' : location.hash.replace(/^#\/?/, '').split('/')[0]!;
  return VIEWS.some((v) => v.id === id) ? id : VIEWS[0]!.id;
}

export function App() {
  const { engine, view, loadResult } = useEngine(defaultScenario, SCENARIO_FILE);
  const [current, setCurrent] = useState(viewFromHash);
  const [target, setTarget] = useState<NavTarget | undefined>();

  useEffect(() => {
    const onHash = () => setCurrent(viewFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const go = useCallback((id: string, t?: NavTarget) => {
    setTarget(t);
    setCurrent(id);
    if (location.hash !== `#/${id}`) history.replaceState(null, '', `#/${id}`);
  }, []);
  const nav: Nav = useMemo(() => ({ current, target, go }), [current, target, go]);
  const active = VIEWS.find((v) => v.id === current) ?? VIEWS[0]!;
  const Active = active.component;

  return (
    <NavContext.Provider value={nav}>
      <LoadResultContext.Provider value={loadResult}>
        <WorkspaceProvider engine={engine} view={view} scenario={defaultScenario}>
        <RealSourceProvider>
        <div className="app">
          <Header engine={engine} view={view} onRestart={() => engine?.load(defaultScenario, { file: SCENARIO_FILE, playSpeed: view?.playing ? view.speed : 0 })} />
          <SourceSwitch />
          <nav className="tabs" role="tablist" aria-label="Views">
            {VIEWS.map((v) => (
              <button key={v.id} type="button" role="tab" aria-selected={v.id === active.id} className={`tab ${v.id === active.id ? 'on' : ''}`} onClick={() => go(v.id)}>
                {v.title}
              </button>
            ))}
          </nav>
          <Suspense fallback={<div className="loading" role="status">Loading view…</div>}>
            <Active engine={engine} view={view} />
          </Suspense>
          <Suspense fallback={null}><LabDock engine={engine} view={view} /></Suspense>
        </div>
        </RealSourceProvider>
        </WorkspaceProvider>
      </LoadResultContext.Provider>
    </NavContext.Provider>
  );
}
