/**
 * One lab: the steps on the left, the open step's text, its checks (re-evaluated on every world change), hints
 * revealed one by one, the reference solution (reveal, apply), and start/reset of the lab's world.
 */
import { useEffect, useState } from 'react';
import { action, query, useQuery } from '../../engine/feature';
import type { Engine } from '../../engine';
import type { ViewModel } from '../../worker/protocol';
import type { LabView } from '../../worker/features/labs';
import type { ActionResult } from '../../../simulator/labs/index';
import { Markdown } from './markdown';
import { labProgress, useProgress, withLab } from './progress';
import { useWorldSource } from './source';

interface Props {
  engine: Engine | null;
  view: ViewModel | null;
  id: string;
  onBack(): void;
}

/** A fresh world with the lab's seed and start time, then its repos and manifests (a journaled action). */
export async function startLab(engine: Engine, lab: LabView): Promise<string[]> {
  await engine.load('', { seed: lab.seed, startTime: lab.startTime, file: `${lab.root}/lab.yaml`, playSpeed: 1 });
  return action(engine, 'labs', 'setupLab', lab.id);
}

export function LabRunner({ engine, view, id, onBack }: Props) {
  const [lab, setLab] = useState<LabView | undefined>();
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const [ran, setRan] = useState<ActionResult[] | null>(null);
  const [progress, update] = useProgress();
  const { source, refresh } = useWorldSource(engine, view);
  const active = source?.kind === 'lab' && source.id === id;
  const status = useQuery(active ? engine : null, view, 'labs', 'status', id).data;
  const p = labProgress(progress, id);
  const stepIndex = Math.min(p.step, (lab?.steps.length ?? 1) - 1);
  const step = lab?.steps[stepIndex];

  useEffect(() => {
    if (!engine) return;
    let live = true;
    query(engine, 'labs', 'lab', id)
      .then((l) => live && setLab(l))
      .catch((e: unknown) => live && setErr(String(e)));
    return () => {
      live = false;
    };
  }, [engine, id]);

  // A step whose checks all hold once is done for good (progress survives reloads and resets).
  useEffect(() => {
    if (!lab || !status) return;
    const newly = lab.steps.filter((s, i) => status[i]?.length && status[i]!.every((c) => c.ok) && !p.done.includes(s.id)).map((s) => s.id);
    if (newly.length) update((q) => withLab(q, id, (l) => ({ ...l, done: [...l.done, ...newly] })));
  }, [lab, status, p.done, id, update]);

  if (!lab) return <div className="loading" role="status">{err ?? 'Loading lab…'}</div>;

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setErr(null);
    try {
      await fn();
    } catch (e) {
      setErr(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const start = () =>
    run(async () => {
      if (!engine) return;
      const errors = await startLab(engine, lab);
      if (errors.length) setErr(errors.join('\n'));
      setRan(null);
      update((q) => ({ ...q, active: { kind: 'lab', id } }));
      refresh();
    });
  // Steps before this one the learner never finished are solved first, so the world is where this step expects it.
  const firstUndone = lab.steps.findIndex((s, i) => i < stepIndex && !p.done.includes(s.id));
  const from = firstUndone >= 0 ? firstUndone : stepIndex;
  const solve = () =>
    run(async () => {
      if (!engine) return;
      const results: ActionResult[] = [];
      for (let i = from; i <= stepIndex; i++) {
        const r = await action(engine, 'labs', 'solve', id, i);
        results.push(...r);
        if (r.some((x) => !x.ok)) break;
      }
      setRan(results);
    });
  const goStep = (i: number) => {
    setRan(null);
    update((q) => withLab(q, id, (l) => ({ ...l, step: i })));
  };
  const hintsShown = step ? (p.hints[step.id] ?? 0) : 0;
  const checks = status?.[stepIndex];

  return (
    <div className="lab-runner">
      <aside className="lab-steps panel" aria-label="Steps">
        <div className="panel-head">
          <button type="button" className="btn" onClick={onBack}>
            ← Labs
          </button>
        </div>
        <div className="panel-body">
          <h2 className="lab-title">{lab.title}</h2>
          <p className="muted">
            Chapter {lab.chapter} · {lab.estimatedMinutes} min
          </p>
          <ol className="lab-step-list">
            {lab.steps.map((s, i) => {
              const ok = status?.[i]?.every((c) => c.ok);
              return (
                <li key={s.id}>
                  <button type="button" className={`lab-step-link${i === stepIndex ? ' on' : ''}`} aria-current={i === stepIndex ? 'step' : undefined} onClick={() => goStep(i)}>
                    <span className={`dot ${ok ? 'ok' : p.done.includes(s.id) ? 'was' : ''}`} aria-hidden="true" />
                    {s.title}
                  </button>
                </li>
              );
            })}
          </ol>
          <div className="lab-world">
            {active ? (
              <button type="button" className="btn" disabled={busy || !engine} onClick={start} title="Rebuild the lab's world from the start">
                Reset lab
              </button>
            ) : (
              <button type="button" className="btn primary" disabled={busy || !engine} onClick={start}>
                Start lab
              </button>
            )}
          </div>
        </div>
      </aside>
      {step && (
        <section className="lab-step panel" aria-label={`Step ${stepIndex + 1}: ${step.title}`}>
          <div className="panel-head">
            <h3 className="panel-title">
              Step {stepIndex + 1}/{lab.steps.length}: {step.title}
            </h3>
            <span>
              <button type="button" className="btn" disabled={stepIndex === 0} onClick={() => goStep(stepIndex - 1)}>
                Previous
              </button>{' '}
              <button type="button" className="btn" disabled={stepIndex >= lab.steps.length - 1} onClick={() => goStep(stepIndex + 1)}>
                Next
              </button>
            </span>
          </div>
          <div className="panel-body lab-step-body">
            {!active && <p className="lab-note">This lab's world is not loaded: press <strong>Start lab</strong> to build it (it replaces the current world).</p>}
            <Markdown source={step.body} />
            <h4>Checks</h4>
            <ul className="lab-checks" aria-label="Checks">
              {step.checks.map((name, i) => {
                const r = checks?.[i];
                return (
                  <li key={name} className={r ? (r.ok ? 'ok' : 'fail') : 'unknown'} data-ok={r ? String(r.ok) : undefined}>
                    <span className="mark" aria-label={r?.ok ? 'holds' : 'does not hold'}>{r ? (r.ok ? '✔' : '✘') : '…'}</span> <span className="check-name">{name}</span>
                    {r && <div className="reason">{r.reason}</div>}
                  </li>
                );
              })}
            </ul>
            {step.hints.length > 0 && (
              <div className="lab-hints">
                <h4>Hints</h4>
                <ol>
                  {step.hints.slice(0, hintsShown).map((h) => (
                    <li key={h}>
                      <Markdown source={h} />
                    </li>
                  ))}
                </ol>
                {hintsShown < step.hints.length && (
                  <button type="button" className="btn" onClick={() => update((q) => withLab(q, id, (l) => ({ ...l, hints: { ...l.hints, [step.id]: hintsShown + 1 } })))}>
                    Show hint {hintsShown + 1} of {step.hints.length}
                  </button>
                )}
              </div>
            )}
            {step.solution.length > 0 && (
              <div className="lab-solution">
                <h4>Solution</h4>
                {p.revealed.includes(step.id) ? (
                  <ol className="solution-actions">
                    {step.solution.map((a, i) => (
                      <li key={i}>
                        <code>{a.action}</code>
                        {a.files.map((f) => (
                          <details key={f.path} className="solution-file">
                            <summary>{f.path}</summary>
                            <pre className="code">
                              <code>{f.text}</code>
                            </pre>
                          </details>
                        ))}
                      </li>
                    ))}
                  </ol>
                ) : (
                  <button type="button" className="btn" onClick={() => update((q) => withLab(q, id, (l) => ({ ...l, revealed: [...l.revealed, step.id] })))}>
                    Reveal solution
                  </button>
                )}{' '}
                <button type="button" className="btn primary" disabled={busy || !active || !engine} onClick={solve} title={from < stepIndex ? `Steps ${from + 1}–${stepIndex} are not done yet: their solutions run first` : undefined}>
                  {from < stepIndex ? `Apply solutions ${from + 1}–${stepIndex + 1}` : 'Apply solution'}
                </button>
                {ran && (
                  <ul className="solution-results" aria-label="Solution results">
                    {ran.map((r, i) => (
                      <li key={i} className={r.ok ? 'ok' : 'fail'}>
                        {r.ok ? '✔' : '✘'} {r.action}
                        {r.note ? ` (${r.note})` : ''}
                        {!r.ok && r.error ? <div className="reason">{r.error}</div> : null}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
            {err && (
              <pre className="lab-error" role="alert">
                {err}
              </pre>
            )}
          </div>
        </section>
      )}
    </div>
  );
}
