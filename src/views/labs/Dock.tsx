/**
 * A compact lab strip for every view: the open lab's current step and its checks, live, so a learner working in
 * the Editor or Applications tab still sees what is left. Renders nothing when the world is not a lab's.
 * The shell mounts it once, lazily (`lazy(() => import('./views/labs/Dock'))`); a click on it opens the Labs tab.
 */
import { useEffect, useState } from 'react';
import { query, useQuery } from '../../engine/feature';
import type { ViewProps } from '../index';
import { useNav } from '../nav';
import type { LabView } from '../../worker/features/labs';
import { labProgress, useProgress } from './progress';
import { useWorldSource } from './source';
import './dock.css';

export default function LabDock({ engine, view }: ViewProps) {
  const nav = useNav();
  const { source } = useWorldSource(engine, view);
  const id = source?.kind === 'lab' ? source.id : '';
  const [lab, setLab] = useState<LabView | undefined>();
  const [progress] = useProgress();
  const status = useQuery(id ? engine : null, view, 'labs', 'status', id).data;

  useEffect(() => {
    if (!engine || !id) return setLab(undefined);
    let live = true;
    query(engine, 'labs', 'lab', id).then((l) => live && setLab(l), () => live && setLab(undefined));
    return () => {
      live = false;
    };
  }, [engine, id]);

  if (!lab || !status || nav.current === 'labs') return null;
  const i = Math.min(labProgress(progress, lab.id).step, lab.steps.length - 1);
  const checks = status[i] ?? [];
  const ok = checks.filter((c) => c.ok).length;
  return (
    <button type="button" className={`lab-dock${ok === checks.length ? ' done' : ''}`} onClick={() => nav.go('labs')} title={checks.map((c) => `${c.ok ? '✔' : '✘'} ${c.name}: ${c.reason}`).join('\n')}>
      <strong>{lab.title}</strong> · step {i + 1}/{lab.steps.length}: {lab.steps[i]!.title} ·{' '}
      <span aria-label={`${ok} of ${checks.length} checks hold`}>
        {checks.map((c) => (c.ok ? '✔' : '✘')).join(' ')} {ok}/{checks.length}
      </span>
    </button>
  );
}
