/**
 * The instructor's scenario player: play/pause (real time drives the world; cues run as their time comes), next
 * cue, the current callout large, the script with what ran, presenter mode and a shareable `?scenario=` link.
 */
import { useEffect, useRef, useState } from 'react';
import { action, query } from '../../engine/feature';
import type { Engine } from '../../engine';
import type { ViewModel } from '../../worker/protocol';
import type { CueResult, ScenarioView } from '../../worker/features/labs';
import { inline } from './markdown';
import { useProgress } from './progress';
import { useWorldSource } from './source';

interface Props {
  engine: Engine | null;
  view: ViewModel | null;
  name: string;
  /** Start the scenario's world as soon as it is known (a shared link was opened). */
  autoStart: boolean;
  onBack(): void;
}

export async function startScenario(engine: Engine, s: ScenarioView): Promise<string[]> {
  await engine.load('', { seed: s.seed, startTime: s.startTime, file: `scenarios/${s.name}.yaml` });
  return action(engine, 'labs', 'setupScenario', s.name);
}

export function shareLink(name: string): string {
  return `${location.origin}${location.pathname}?scenario=${encodeURIComponent(name)}#/labs`;
}

const fmt = (ms: number): string => {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s % 60 || (!h && !m) ? `${s % 60}s` : ''}`;
};

export function ScenarioPlayer({ engine, view, name, autoStart, onBack }: Props) {
  const [sc, setSc] = useState<ScenarioView | undefined>();
  const [ran, setRan] = useState(0);
  const [results, setResults] = useState<CueResult[]>([]);
  const [err, setErr] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [progress, update] = useProgress();
  const busy = useRef(false);
  const started = useRef(false);
  const { source, known, refresh } = useWorldSource(engine, view);
  const active = source?.kind === 'scenario' && source.id === name;

  useEffect(() => {
    if (!engine) return;
    let live = true;
    (async () => {
      const s = await query(engine, 'labs', 'scenario', name);
      // Cues already run in this world (the journal starts at the last load; a reload replays it).
      const journal = await engine.journal();
      const mine = journal.some((e) => e.feature === 'labs' && e.method === 'setupScenario' && e.args[0] === name);
      const done = journal.filter((e) => e.feature === 'labs' && e.method === 'cue' && e.args[0] === name).map((e) => Number(e.args[1]) + 1);
      if (!live) return;
      setSc(s);
      setRan(mine ? Math.max(0, ...done) : 0);
    })().catch((e: unknown) => live && setErr(String(e)));
    return () => {
      live = false;
    };
  }, [engine, name]);

  const start = async () => {
    if (!engine || !sc || busy.current) return;
    busy.current = true;
    try {
      const errors = await startScenario(engine, sc);
      setErr(errors.length ? errors.join('\n') : null);
      setRan(0);
      setResults([]);
      update((q) => ({ ...q, active: { kind: 'scenario', id: name } }));
      refresh();
      history.replaceState(null, '', `${location.pathname}?scenario=${encodeURIComponent(name)}${location.hash}`);
    } finally {
      busy.current = false;
    }
  };

  useEffect(() => {
    if (autoStart && sc && known && !active && !started.current) {
      started.current = true;
      void start();
    }
  }, [autoStart, sc, known, active]);

  const runCue = async (i: number) => {
    if (!engine) return;
    const r = await action(engine, 'labs', 'cue', name, i);
    setResults((xs) => [...xs, r]);
    if (r.result && !r.result.ok) setErr(`${r.result.action}: ${r.result.error ?? 'failed'}`);
    setRan(i + 1);
  };

  // While playing, the cues whose time the world has reached run (in order, one at a time).
  const elapsed = view && active ? view.now - view.startTime : 0;
  useEffect(() => {
    if (!sc || !active || !view?.playing || busy.current) return;
    const due = sc.cues.filter((c) => c.at <= elapsed).length;
    if (due <= ran) return;
    busy.current = true;
    (async () => {
      for (let i = ran; i < due; i++) await runCue(i);
    })()
      .catch((e: unknown) => setErr(String(e)))
      .finally(() => (busy.current = false));
  }, [view?.version]);

  if (!sc) return <div className="loading" role="status">{err ?? 'Loading scenario…'}</div>;

  const next = async () => {
    if (!engine || busy.current || ran >= sc.cues.length) return;
    busy.current = true;
    try {
      await engine.pause();
      await runCue(ran);
    } catch (e) {
      setErr(String(e));
    } finally {
      busy.current = false;
    }
  };
  const current = ran > 0 ? sc.cues[ran - 1] : undefined;
  const callout = [...sc.cues.slice(0, ran)].reverse().find((c) => c.callout)?.callout;
  const presenter = progress.presenter;

  return (
    <div className={`scenario-player${presenter ? ' presenter' : ''}`}>
      <div className="scenario-bar panel">
        <div className="panel-head">
          <button type="button" className="btn" onClick={onBack}>
            ← Labs
          </button>
          <h2 className="panel-title scenario-title">{sc.title}</h2>
          <span className="scenario-controls">
            {!active ? (
              <button type="button" className="btn primary" onClick={() => void start()} disabled={!engine}>
                Load scenario
              </button>
            ) : (
              <>
                <span className="scenario-clock" aria-label="Time since the start">
                  T+{fmt(elapsed)}
                </span>{' '}
                {view?.playing ? (
                  <button type="button" className="btn" onClick={() => void engine?.pause()}>
                    Pause
                  </button>
                ) : (
                  <button type="button" className="btn" onClick={() => void engine?.play(view?.speed ?? 1)} disabled={!engine}>
                    Play
                  </button>
                )}{' '}
                <button type="button" className="btn primary" onClick={() => void next()} disabled={ran >= sc.cues.length}>
                  Next cue ({Math.min(ran + 1, sc.cues.length)}/{sc.cues.length})
                </button>{' '}
                <button type="button" className="btn" onClick={() => void start()} title="Rebuild the scenario's world from the start">
                  Restart
                </button>
              </>
            )}{' '}
            <label className="presenter-toggle">
              <input type="checkbox" checked={presenter} onChange={(e) => update((q) => ({ ...q, presenter: e.target.checked }))} /> Presenter mode
            </label>{' '}
            <button
              type="button"
              className="btn"
              onClick={() => {
                void navigator.clipboard?.writeText(shareLink(name)).then(() => setCopied(true));
              }}
              title={shareLink(name)}
            >
              {copied ? 'Link copied' : 'Copy link'}
            </button>
          </span>
        </div>
      </div>
      <div className="callout" role="status" aria-live="polite">
        {inline(active && callout ? callout : (sc.description ?? sc.title), 'callout')}
        {current && <div className="callout-at">at T+{current.atText}</div>}
      </div>
      {err && (
        <pre className="lab-error" role="alert">
          {err}
        </pre>
      )}
      <ol className="cue-list" aria-label="Script">
        {sc.cues.map((c, i) => {
          const r = results.find((x) => x.index === i);
          return (
            <li key={c.index} className={i < ran ? 'ran' : i === ran ? 'next' : ''}>
              <span className="cue-at">T+{c.atText}</span>
              {c.action && <code className={`cue-action${r?.result && !r.result.ok ? ' fail' : ''}`}>{c.action}</code>}
              {c.callout && <span className="cue-callout">{inline(c.callout, `cue${i}`)}</span>}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
