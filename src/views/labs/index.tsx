/**
 * Labs: the catalog (labs by chapter with progress, instructor scenarios), a lab runner with live checks, and the
 * scenario player. `?scenario=NAME` opens (and loads) that scenario: the link instructors share.
 */
import { useEffect, useState } from 'react';
import { useQuery } from '../../engine/feature';
import type { ViewProps } from '../index';
import { Catalog } from './Catalog';
import { LabRunner } from './LabRunner';
import { ScenarioPlayer } from './ScenarioPlayer';
import { useProgress } from './progress';
import { useWorldSource } from './source';
import './styles.css';

type Open = { kind: 'catalog' } | { kind: 'lab'; id: string } | { kind: 'scenario'; name: string; auto: boolean };

function fromUrl(): Open | undefined {
  const name = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('scenario');
  return name ? { kind: 'scenario', name, auto: true } : undefined;
}

export default function LabsPage({ engine, view }: ViewProps) {
  const [progress] = useProgress();
  const [open, setOpen] = useState<Open>(() => {
    const url = fromUrl();
    if (url) return url;
    const a = progress.active;
    return a?.kind === 'lab' ? { kind: 'lab', id: a.id } : a?.kind === 'scenario' ? { kind: 'scenario', name: a.id, auto: false } : { kind: 'catalog' };
  });
  const catalog = useQuery(engine, null, 'labs', 'catalog');
  const { source } = useWorldSource(engine, view);

  // Leaving a shared scenario link keeps the URL honest.
  useEffect(() => {
    if (open.kind !== 'scenario' && new URLSearchParams(location.search).has('scenario')) history.replaceState(null, '', `${location.pathname}${location.hash}`);
  }, [open]);

  const back = () => setOpen({ kind: 'catalog' });
  if (open.kind === 'lab') return <LabRunner engine={engine} view={view} id={open.id} onBack={back} />;
  if (open.kind === 'scenario') return <ScenarioPlayer engine={engine} view={view} name={open.name} autoStart={open.auto} onBack={back} />;
  if (catalog.error) return <pre className="lab-error" role="alert">{catalog.error}</pre>;
  if (!catalog.data) return <div className="loading" role="status">Loading labs…</div>;
  return (
    <Catalog
      labs={catalog.data.labs}
      scenarios={catalog.data.scenarios}
      errors={catalog.data.errors}
      progress={progress}
      source={source}
      onOpenLab={(id) => setOpen({ kind: 'lab', id })}
      onOpenScenario={(name) => setOpen({ kind: 'scenario', name, auto: false })}
    />
  );
}
