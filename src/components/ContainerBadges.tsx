/** One small badge per container: init containers first, then main containers. */
import type { ContainerView } from '../worker/protocol';

function label(c: ContainerView): string {
  if (c.state === 'running') return c.ready ? 'Running' : 'Running (not ready)';
  if (c.state === 'terminated') return c.reason ?? `ExitCode:${c.exitCode ?? 0}`;
  if (c.state === 'waiting') return c.reason ?? 'Waiting';
  return 'Pending';
}

function tone(c: ContainerView): string {
  if (c.state === 'running') return c.ready ? 'ok' : 'warn';
  if (c.state === 'terminated') return c.exitCode === 0 ? 'done' : 'error';
  if (c.state === 'waiting' && c.reason && /BackOff|Err|Invalid|Error/.test(c.reason)) return 'error';
  return 'progress';
}

export function ContainerBadges({ containers }: { containers: ContainerView[] }) {
  return (
    <ul className="badges" aria-label="Containers">
      {containers.map((c) => {
        const text = label(c);
        const restarts = c.restartCount > 0 ? ` ↻${c.restartCount}` : '';
        return (
          <li
            key={`${c.init ? 'i' : 'm'}:${c.name}`}
            className={`badge ${tone(c)}`}
            data-container={c.name}
            data-state={c.state}
            title={`${c.init ? 'init container' : 'container'} ${c.name}: ${text}${c.restartCount ? `, ${c.restartCount} restarts` : ''}`}
          >
            {c.init && <span className="init">init</span>}
            <span className="cname">{c.name}</span>
            <span className="cstate">
              {text}
              {restarts}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
