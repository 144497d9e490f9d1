/** The event log, newest first: reason, object, message, and the learner-facing "why". */
import type { EventView } from '../worker/protocol';
import { EventItem } from './EventItem';

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
          <EventItem key={e.seq} at={e.at} type={e.type} reason={e.reason} source={e.source} object={e.object} message={e.message} why={e.why} />
        ))}
      </ol>
    </section>
  );
}
