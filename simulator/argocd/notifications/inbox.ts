/**
 * Where notifications land: every service (webhook, slack, email…) delivers to this in-app inbox instead
 * of the network. Plain data, so it joins sandbox snapshots (`registerState('notifications', …)`).
 */
export interface InboxEntry {
  /** Virtual time of delivery (ms). */
  t: number;
  trigger: string;
  template: string;
  /** Service name as subscribed (`slack`, `github` for `service.webhook.github`). */
  service: string;
  serviceType: string;
  recipient: string;
  app: { namespace: string; name: string };
  title: string;
  body: string;
}

export interface InboxState {
  entries: InboxEntry[];
}

/** Oldest entries are dropped past this many. */
export const INBOX_LIMIT = 1000;

export class NotificationInbox {
  private entries: InboxEntry[] = [];

  deliver(entry: InboxEntry): void {
    this.entries.push(entry);
    if (this.entries.length > INBOX_LIMIT) this.entries.splice(0, this.entries.length - INBOX_LIMIT);
  }

  /** Entries in delivery order, optionally for one recipient or one trigger. */
  list(filter: { recipient?: string; trigger?: string; service?: string } = {}): InboxEntry[] {
    return this.entries.filter(
      (e) =>
        (filter.recipient === undefined || e.recipient === filter.recipient) &&
        (filter.trigger === undefined || e.trigger === filter.trigger) &&
        (filter.service === undefined || e.service === filter.service),
    );
  }

  clear(): void {
    this.entries = [];
  }

  getState(): InboxState {
    return { entries: this.entries.map((e) => ({ ...e, app: { ...e.app } })) };
  }

  setState(s: unknown): void {
    const entries = s !== null && typeof s === 'object' && Array.isArray((s as { entries?: unknown }).entries) ? (s as InboxState).entries : [];
    this.entries = entries.map((e) => ({ ...e, app: { ...e.app } }));
  }
}
