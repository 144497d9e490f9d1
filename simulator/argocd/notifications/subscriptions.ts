/**
 * Who gets notified: annotation subscriptions on the Application
 * (`notifications.argoproj.io/subscribe.<trigger>.<service>: r1;r2`, `subscribe.<service>` → default
 * triggers, `notifications.argoproj.io/subscriptions` YAML list) merged with the ConfigMap's global
 * `subscriptions` (label selector, `service:recipient`), deduplicated (notifications-engine subscriptions).
 */
import { load } from 'js-yaml';
import { matchesLabels, parseLabelSelector } from '../../cluster/selectors.js';
import type { NotificationsConfig } from './config.js';

export const ANNOTATION_PREFIX = 'notifications.argoproj.io';
export const NOTIFIED_ANNOTATION = `notified.${ANNOTATION_PREFIX}`;

export interface Destination {
  service: string;
  recipient: string;
}

/** Destinations by trigger name. */
export type Destinations = Map<string, Destination[]>;

function add(dests: Destinations, trigger: string, d: Destination): void {
  const list = dests.get(trigger) ?? [];
  if (!list.some((x) => x.service === d.service && x.recipient === d.recipient)) list.push(d);
  dests.set(trigger, list);
}

function recipientsOf(v: string): string[] {
  if (v === '') return [''];
  return v.split(';').map((r) => r.trim()).filter(Boolean);
}

function triggersFor(trigger: string, service: string, cfg: NotificationsConfig): string[] {
  if (trigger) return [trigger];
  return cfg.serviceDefaultTriggers.get(service) ?? cfg.defaultTriggers;
}

export function annotationDestinations(annotations: Record<string, string>, cfg: NotificationsConfig): Destinations {
  const dests: Destinations = new Map();
  const prefix = `${ANNOTATION_PREFIX}/subscribe.`;
  const alt = `${ANNOTATION_PREFIX}/subscriptions`;
  for (const k of Object.keys(annotations).sort()) {
    const v = annotations[k];
    if (k.startsWith(prefix)) {
      const parts = k.slice(prefix.length).split('.');
      const [trigger, service] = parts.length >= 2 ? [parts[0], parts[1]] : ['', parts[0]];
      for (const recipient of recipientsOf(v)) for (const t of triggersFor(trigger, service, cfg)) add(dests, t, { service, recipient });
    } else if (k.startsWith(alt)) {
      let list: unknown;
      try {
        list = load(v);
      } catch {
        continue;
      }
      for (const s of Array.isArray(list) ? list : []) {
        const sub = s !== null && typeof s === 'object' ? (s as Record<string, unknown>) : {};
        const triggers = Array.isArray(sub.trigger) ? sub.trigger.map(String) : [''];
        const destinations = Array.isArray(sub.destinations) ? sub.destinations : [];
        for (const trigger of triggers) {
          for (const d of destinations) {
            const dd = d !== null && typeof d === 'object' ? (d as Record<string, unknown>) : {};
            const service = typeof dd.service === 'string' ? dd.service : '';
            const recipients = Array.isArray(dd.recipients) ? dd.recipients.map(String) : [];
            for (const recipient of recipients) for (const t of triggersFor(trigger, service, cfg)) add(dests, t, { service, recipient });
          }
        }
      }
    }
  }
  return dests;
}

export function globalDestinations(labels: Record<string, string> | undefined, cfg: NotificationsConfig): Destinations {
  const dests: Destinations = new Map();
  for (const s of cfg.subscriptions) {
    let matches: boolean;
    try {
      matches = matchesLabels(parseLabelSelector(s.selector), labels);
    } catch {
      matches = false;
    }
    if (!matches) continue;
    const triggers = s.triggers.length ? s.triggers : cfg.defaultTriggers;
    for (const trigger of triggers) {
      for (const r of s.recipients) {
        const i = r.indexOf(':');
        add(dests, trigger, i < 0 ? { service: r, recipient: '' } : { service: r.slice(0, i), recipient: r.slice(i + 1).split(':')[0] });
      }
    }
  }
  return dests;
}

/** Global destinations first, then the Application's own (getDestinations + Dedup). */
export function destinationsFor(
  meta: { labels?: Record<string, string>; annotations?: Record<string, string> },
  cfg: NotificationsConfig,
): Destinations {
  const out = globalDestinations(meta.labels, cfg);
  for (const [t, list] of annotationDestinations(meta.annotations ?? {}, cfg)) for (const d of list) add(out, t, d);
  return out;
}
