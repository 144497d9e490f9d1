/** One container's log lines with their virtual time (also used by the Pod view). */
import type { Engine } from '../../engine';
import { useQuery } from '../../engine/feature';
import type { ViewModel } from '../../worker/protocol';
import { tPlus } from './format';

interface Props {
  engine: Engine | null;
  view: ViewModel | null;
  namespace: string;
  pod: string;
  container: string;
  previous?: boolean;
}

export function Logs({ engine, view, namespace, pod, container, previous = false }: Props) {
  const { data, error } = useQuery(engine, view, 'pods', 'logs', namespace, pod, container, previous);
  return (
    <pre className="logs" data-container={container} aria-label={`Logs of ${container}`} tabIndex={0}>
      {error && <span className="err">{error}</span>}
      {data?.length === 0 && <span className="muted">No log lines{previous ? ' in the previous instance' : ''} yet.</span>}
      {data?.map((l, i) => (
        <span key={i} className="log-line">
          <span className="log-t">{tPlus(l.t, view?.startTime ?? 0)}</span> {l.text}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}
