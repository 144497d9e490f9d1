/**
 * `argocd-notifications-cm` parsed like notifications-engine `api.ParseConfig`: `trigger.<name>` (list of
 * conditions), `template.<name>`, `service.<type>[.<name>]`, `defaultTriggers`, `defaultTriggers.<service>`,
 * `subscriptions`, and Argo CD's `context` (argocdUrl…). A key that does not parse is reported, not fatal.
 */
import { load } from 'js-yaml';

export const NOTIFICATIONS_CM = 'argocd-notifications-cm';

export interface TriggerCondition {
  when: string;
  send: string[];
  oncePer?: string;
  description?: string;
}

/** One template: `message` plus per-service blocks (email.subject/body, slack.title, webhook.<name>…). */
export interface NotificationTemplate {
  message?: string;
  [service: string]: unknown;
}

export interface ServiceConfig {
  /** Service type (`webhook`, `slack`, `email`…) — the name is what subscriptions refer to. */
  type: string;
  name: string;
  options: Record<string, unknown>;
}

export interface GlobalSubscription {
  recipients: string[];
  triggers: string[];
  selector: string;
}

export interface NotificationsConfig {
  triggers: Map<string, TriggerCondition[]>;
  templates: Map<string, NotificationTemplate>;
  services: Map<string, ServiceConfig>;
  subscriptions: GlobalSubscription[];
  defaultTriggers: string[];
  serviceDefaultTriggers: Map<string, string[]>;
  context: Record<string, string>;
  /** Keys that failed to parse, with notifications-engine's wording. */
  errors: string[];
}

/** Argo CD's context default (util/notification/settings): the UI address used in links. */
export const DEFAULT_CONTEXT: Record<string, string> = { argocdUrl: 'https://localhost:4000' };

function yaml(text: string): unknown {
  return load(text);
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function record(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function conditions(v: unknown): TriggerCondition[] {
  if (!Array.isArray(v)) throw new Error('expected a list of conditions');
  return v.map((c) => {
    const r = record(c);
    const cond: TriggerCondition = { when: typeof r.when === 'string' ? r.when : '', send: strings(r.send) };
    if (typeof r.oncePer === 'string' && r.oncePer) cond.oncePer = r.oncePer;
    if (typeof r.description === 'string') cond.description = r.description;
    return cond;
  });
}

/** `$key` references in service settings, replaced from `argocd-notifications-secret` (replaceStringSecret). */
function replaceSecrets(v: unknown, secret: Record<string, string>): unknown {
  if (typeof v === 'string') return v.replace(/[$][\w-]+/g, (ref) => secret[ref.slice(1)] ?? ref);
  if (Array.isArray(v)) return v.map((x) => replaceSecrets(x, secret));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = replaceSecrets(x, secret);
    return out;
  }
  return v;
}

export const NOTIFICATIONS_SECRET = 'argocd-notifications-secret';

export function parseNotificationsConfig(data: Record<string, string> | undefined, secret: Record<string, string> = {}): NotificationsConfig {
  const cfg: NotificationsConfig = {
    triggers: new Map(),
    templates: new Map(),
    services: new Map(),
    subscriptions: [],
    defaultTriggers: [],
    serviceDefaultTriggers: new Map(),
    context: { ...DEFAULT_CONTEXT },
    errors: [],
  };
  const d = data ?? {};
  // Sorted: Go iterates a map in random order; the sandbox must not.
  for (const k of Object.keys(d).sort()) {
    const v = d[k];
    const parts = k.split('.');
    try {
      if (k === 'subscriptions') {
        const list = yaml(v);
        cfg.subscriptions = (Array.isArray(list) ? list : []).map((s) => {
          const r = record(s);
          return { recipients: strings(r.recipients), triggers: strings(r.triggers), selector: typeof r.selector === 'string' ? r.selector : '' };
        });
      } else if (k === 'defaultTriggers') {
        cfg.defaultTriggers = strings(yaml(v));
      } else if (k === 'context') {
        for (const [ck, cv] of Object.entries(record(yaml(v)))) cfg.context[ck] = String(cv);
      } else if (k.startsWith('template.')) {
        cfg.templates.set(parts.slice(1).join('.'), record(yaml(v)));
      } else if (k.startsWith('trigger.')) {
        cfg.triggers.set(parts.slice(1).join('.'), conditions(yaml(v)));
      } else if (k.startsWith('defaultTriggers.')) {
        cfg.serviceDefaultTriggers.set(parts.slice(1).join('.'), strings(yaml(v)));
      } else if (k.startsWith('service.')) {
        if (parts.length !== 2 && parts.length !== 3) {
          cfg.errors.push(`invalid service key; expected 'service.<type>(.<name>)' but got '${k}'`);
          continue;
        }
        const type = parts[1];
        const name = parts.length === 3 ? parts[2] : parts[1];
        cfg.services.set(name, { type, name, options: record(replaceSecrets(yaml(v), secret)) });
      }
    } catch (e) {
      const what = k.startsWith('template.') ? `template ${parts.slice(1).join('.')}` : k.startsWith('trigger.') ? `trigger ${parts.slice(1).join('.')}` : k;
      cfg.errors.push(`failed to unmarshal ${what}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  }
  return cfg;
}
