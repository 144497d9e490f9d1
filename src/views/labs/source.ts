/**
 * Which lab or scenario the engine's world was built for, read from the session (load input + journal) rather than
 * remembered: a restart from the header, a reload or an imported workspace all answer correctly.
 */
import { useEffect, useRef, useState } from 'react';
import type { Engine } from '../../engine';
import type { ViewModel } from '../../worker/protocol';

export interface WorldSource {
  kind: 'lab' | 'scenario';
  id: string;
}

/** Re-read at most once a second, and whenever the world was reloaded (its start time or version jump back). */
const EVERY_MS = 1000;

/** `known` turns true once the session has been read (before that, `source` is undefined for lack of an answer). */
export function useWorldSource(engine: Engine | null, view: ViewModel | null): { source: WorldSource | undefined; known: boolean; refresh(): void } {
  const [source, setSource] = useState<WorldSource | undefined>();
  const [known, setKnown] = useState(false);
  const [tick, setTick] = useState(0);
  const last = useRef(-Infinity);
  const lastTick = useRef(-1);
  useEffect(() => {
    if (!engine) return;
    const now = performance.now();
    if (tick === lastTick.current && now - last.current < EVERY_MS) {
      // Throttled: look again once the second is over, so a change followed by silence is still seen.
      const timer = setTimeout(() => setTick((t) => t + 1), EVERY_MS - (now - last.current));
      return () => clearTimeout(timer);
    }
    lastTick.current = tick;
    last.current = now;
    let live = true;
    engine
      .session()
      .then((s) => {
        if (!live) return;
        const setup = s.entries.find((e) => e.feature === 'labs' && (e.method === 'setupLab' || e.method === 'setupScenario'));
        const id = typeof setup?.args[0] === 'string' ? setup.args[0] : undefined;
        setSource((old) => {
          const next: WorldSource | undefined = setup && id ? { kind: setup.method === 'setupLab' ? 'lab' : 'scenario', id } : undefined;
          return old?.kind === next?.kind && old?.id === next?.id ? old : next;
        });
        setKnown(true);
      })
      .catch(() => live && setSource(undefined));
    return () => {
      live = false;
    };
  }, [engine, view?.version, tick]);
  return { source, known, refresh: () => setTick((t) => t + 1) };
}
