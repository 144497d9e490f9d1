/** The event log, newest first: reason, object, message, and the learner-facing "why". */
import type { EventView } from '../worker/protocol';

export function EventsPanel({ events, total }: { events: EventView[]; total: number }) {
  return (
    <section className="panel events" aria-label="Events">
      <div className="panel-head">
        <h2 className="panel-title">Events</h2>
        <span className="muted">
          {events.length < total ? `latest ${events.length} of ${total}` : `${total}`}
        </span>
      </div>
      <ol className="panel-body event-list" reversed>
        {events.length === 0 && <li className="muted">No events yet.</li>}
        {events.map((e) => (
          <li key={e.seq} className={`event ${e.type === 'Warning' ? 'warning' : ''}`} data-reason={e.reason}>
            <div className="event-line">
              <time className="at">{e.at}</time>
              <span className={`reason ${e.type === 'Warning' ? 'warn' : ''}`}>{e.reason}</span>
              <span className="source">{e.source}</span>
            </div>
            <div className="message">
              <span className="object">{e.object}</span> {e.message}
            </div>
            {e.why && (
              <div className="why">
                <span className="why-label">why</span> {e.why}
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
