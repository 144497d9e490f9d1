/** One event as the Events panel and an object's side panel show it: time, reason, source, message, and its "why". */
export interface EventItemProps {
  at: string;
  type: string;
  reason: string;
  source: string;
  /** The involved object, when the list mixes objects. */
  object?: string;
  message: string;
  why?: string;
}

export function EventItem({ at, type, reason, source, object, message, why }: EventItemProps) {
  const warning = type === 'Warning';
  return (
    <li className={`event ${warning ? 'warning' : ''}`} data-reason={reason}>
      <div className="event-line">
        <time className="at">{at}</time>
        <span className={`reason ${warning ? 'warn' : ''}`}>{reason}</span>
        <span className="source">{source}</span>
      </div>
      <div className="message">
        {object !== undefined && <span className="object">{object}</span>} {message}
      </div>
      {why && (
        <div className="why">
          <span className="why-label">why</span> {why}
        </div>
      )}
    </li>
  );
}
