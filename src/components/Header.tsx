/** Title, time controls (play/pause, step, advance, speed, scrub timeline), the virtual clock and the workspace menu. */
import type { Engine } from '../engine';
import { PersistWorkspace } from '../persistence/PersistWorkspace';
import { WorkspaceMenu } from '../persistence/WorkspaceMenu';
import type { ViewModel } from '../worker/protocol';
import { SPEEDS } from '../worker/protocol';
import { Icon } from './Icon';
import { Scrubber } from './Scrubber';
import './Header.css';

interface Props {
  engine: Engine | null;
  view: ViewModel | null;
  onRestart(): void;
}

export function Header({ engine, view, onRestart }: Props) {
  const disabled = !engine || !view;
  const playing = view?.playing ?? false;
  return (
    <header className="header">
      <h1 className="title">Argo Sandbox</h1>
      <div className="controls" role="toolbar" aria-label="Time controls">
        <button
          type="button"
          className="btn primary"
          disabled={disabled}
          aria-label={playing ? 'Pause' : 'Play'}
          title={playing ? 'Pause virtual time' : 'Run virtual time'}
          onClick={() => (playing ? engine?.pause() : engine?.play())}
        >
          {playing ? <Icon name="pause" /> : <Icon name="play" />}
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" className="btn" disabled={disabled} aria-label="Step to the next event" title="Run the next scheduled reconcile" onClick={() => engine?.step()}>
          <Icon name="step" /> Step
        </button>
        <button type="button" className="btn" disabled={disabled} aria-label="Advance 10 seconds" onClick={() => engine?.advance(10_000)}>
          +10s
        </button>
        <button type="button" className="btn" disabled={disabled} aria-label="Advance 1 minute" onClick={() => engine?.advance(60_000)}>
          +1m
        </button>
        <label className="speed">
          Speed
          <select
            disabled={disabled}
            value={view?.speed ?? 1}
            onChange={(e) => engine?.setSpeed(Number(e.target.value))}
            aria-label="Speed"
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn" disabled={disabled} aria-label="Restart the scenario" title="Reload the default scenario from time zero" onClick={onRestart}>
          <Icon name="restart" /> Restart
        </button>
      </div>
      <div className="clock" role="group" aria-label="Virtual clock">
        <output className="elapsed" aria-label="Virtual time since start" data-testid="elapsed">
          T+{view?.elapsed ?? '00:00:00'}
        </output>
        <span className="iso" title="Virtual wall clock (UTC)">
          {view?.nowIso ?? ''}
        </span>
        <span className={`state ${playing ? 'on' : ''}`}>{playing ? `running ${view?.speed}×` : 'paused'}</span>
        <span className="queued" title="Work items waiting in the scheduler">
          {view?.pending ?? 0} queued
        </span>
      </div>
      <WorkspaceMenu disabled={disabled} />
      <Scrubber engine={engine} timeline={view?.timeline} />
      <PersistWorkspace />
    </header>
  );
}
