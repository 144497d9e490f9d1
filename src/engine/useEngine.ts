/** Starts the engine worker (restoring the saved workspace) and keeps the latest view model pushed from it. */
import { useEffect, useState } from 'react';
import * as Comlink from 'comlink';
import type { ApplyResult, EngineApi, ViewModel } from '../worker/protocol';
import { persistence } from '../persistence';
import { registerViewModelWire } from '../worker/viewModel/wire';

// View models arrive with their rows and events as text, parsed only when a view reads them.
registerViewModelWire();

export type Engine = Comlink.Remote<EngineApi>;

export interface EngineState {
  engine: Engine | null;
  view: ViewModel | null;
  loadResult: ApplyResult | null;
}

function inspectRequested(): boolean {
  return typeof location !== 'undefined' && new URLSearchParams(location.search).has('inspect');
}

/** Forward the worker's xstate inspection events to the Stately inspector window (only with `?inspect`). */
async function connectInspector(engine: Engine): Promise<void> {
  const { createBrowserInspector } = await import('@statelyai/inspect');
  const inspector = createBrowserInspector();
  type Sent = Parameters<typeof inspector.adapter.send>[0];
  await engine.enableInspect(Comlink.proxy((event: unknown) => inspector.adapter.send(event as Sent)));
}

export function useEngine(scenario: string, file: string): EngineState {
  const [state, setState] = useState<EngineState>({ engine: null, view: null, loadResult: null });

  useEffect(() => {
    const worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'argo-sandbox-engine' });
    const engine = Comlink.wrap<EngineApi>(worker);
    let live = true;
    (async () => {
      // The inspector is a debugging aid: if it cannot start (popup blocked), the sandbox still runs.
      if (inspectRequested()) await connectInspector(engine).catch((err: unknown) => console.warn('xstate inspector not started', err));
      await engine.subscribe(
        Comlink.proxy((view: ViewModel) => {
          if (!live) return;
          persistence.noteWorld(view);
          setState((s) => ({ ...s, view }));
        }),
      );
      // A share link, else the saved workspace, else the scenario (see src/persistence).
      const loadResult = await persistence.boot(engine, { text: scenario, file });
      if (live) setState((s) => ({ ...s, engine, loadResult }));
    })().catch((err: unknown) => console.error('engine failed to start', err));
    return () => {
      live = false;
      worker.terminate();
    };
  }, [scenario, file]);

  return state;
}
