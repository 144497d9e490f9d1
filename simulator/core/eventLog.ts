/** The append-only log of every decision the engine makes, with a learner-facing `why`. */
export interface ObjectRef {
  apiVersion?: string;
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
}

export type EventType = 'Normal' | 'Warning';

export interface SimEvent {
  /** Virtual time in ms since the epoch. */
  t: number;
  /** Which component decided: `kubelet`, `deployment-controller`, `argocd-application-controller`… */
  source: string;
  involvedObject: ObjectRef;
  reason: string;
  message: string;
  type: EventType;
  /** Why it happened, in words for a learner. */
  why?: string;
}

export type EventListener = (event: SimEvent) => void;

export class EventLog {
  private events: SimEvent[] = [];
  private listeners = new Set<EventListener>();

  append(event: SimEvent): void {
    this.events.push(event);
    if (this.listeners.size > 0) for (const l of this.listeners) l(event);
  }

  all(): readonly SimEvent[] {
    return this.events;
  }

  get length(): number {
    return this.events.length;
  }

  since(index: number): SimEvent[] {
    return this.events.slice(index);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One JSON object per line, in order: the byte-comparable form used by determinism checks. */
  toJsonLines(): string {
    return this.events.map((e) => JSON.stringify(e)).join('\n');
  }

  getState(): SimEvent[] {
    return this.events.slice();
  }

  setState(events: SimEvent[]): void {
    this.events = events.slice();
  }
}
