/** The lab catalog: every lab by chapter with its objectives, time and progress; the instructor scenarios below. */
import type { LabSummary } from '../../../simulator/labs/index';
import { labProgress } from './progress';
import type { Progress } from './progress';
import type { WorldSource } from './source';

export interface ScenarioSummary {
  name: string;
  title: string;
  description?: string;
  cues: number;
}

interface Props {
  labs: LabSummary[];
  scenarios: ScenarioSummary[];
  errors: string[];
  progress: Progress;
  /** The lab or scenario the engine's world was built for. */
  source: WorldSource | undefined;
  onOpenLab(id: string): void;
  onOpenScenario(name: string): void;
}

export function Catalog({ labs, scenarios, errors, progress, source, onOpenLab, onOpenScenario }: Props) {
  return (
    <div className="labs-catalog">
      {errors.length > 0 && (
        <div className="labs-errors" role="alert">
          <strong>Some labs or scenarios failed to load:</strong>
          <pre>{errors.join('\n')}</pre>
        </div>
      )}
      <h2 className="labs-h">Labs</h2>
      <ul className="lab-cards" aria-label="Labs">
        {labs.map((l) => {
          const p = labProgress(progress, l.id);
          const done = p.done.length;
          const active = source?.kind === 'lab' && source.id === l.id;
          return (
            <li key={l.id} className={`lab-card${active ? ' active' : ''}`} data-lab-id={l.id}>
              <button type="button" className="lab-card-open" onClick={() => onOpenLab(l.id)} aria-label={`Open lab ${l.title}`}>
                <span className="lab-card-meta">
                  Chapter {l.chapter} · {l.estimatedMinutes} min · {l.steps} steps{active ? ' · loaded' : ''}
                </span>
                <span className="lab-card-title">{l.title}</span>
              </button>
              <ul className="lab-objectives">
                {l.objectives.map((o) => (
                  <li key={o}>{o}</li>
                ))}
              </ul>
              <div className="lab-progress" aria-label={`${done} of ${l.steps} steps done`}>
                {done > 0 && <div className="lab-progress-bar" style={{ width: `${(100 * done) / Math.max(1, l.steps)}%` }} />}
                <span>
                  {done}/{l.steps}
                </span>
              </div>
            </li>
          );
        })}
      </ul>
      <h2 className="labs-h">Instructor scenarios</h2>
      <ul className="scenario-list" aria-label="Scenarios">
        {scenarios.map((s) => (
          <li key={s.name}>
            <button type="button" className="btn" onClick={() => onOpenScenario(s.name)} aria-label={`Open scenario ${s.title}`}>
              ▶ {s.title}
            </button>
            <span className="muted"> {s.cues} cues{s.description ? ` — ${s.description}` : ''}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
