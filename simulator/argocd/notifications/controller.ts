/**
 * argocd-notifications-controller: on every Application change (and on a change of
 * `argocd-notifications-cm`) it evaluates the triggers the Application is subscribed to, sends each
 * destination a notification once per condition (per `oncePer` value), and records what it sent in the
 * `notified.notifications.argoproj.io` annotation — the loop of notifications-engine
 * `processResourceWithAPI`. Deliveries land in the sandbox inbox.
 */
import type { ClusterContext, ClusterController, Sandbox } from '../../sandbox.js';
import { splitKey } from '../../sandbox.js';
import type { KubeObject } from '../../cluster/types.js';
import { ExprTime } from '../../expr/index.js';
import type { ExprMap } from '../../expr/index.js';
import { secretData } from '../settings/index.js';
import { NOTIFICATIONS_CM, NOTIFICATIONS_SECRET, parseNotificationsConfig } from './config.js';
import type { NotificationTemplate, NotificationsConfig } from './config.js';
import { NotificationInbox } from './inbox.js';
import { goTemplateRenderer, renderNotification } from './render.js';
import { parseState, serializeState, setAlreadyNotified } from './state.js';
import { NOTIFIED_ANNOTATION, destinationsFor } from './subscriptions.js';
import type { Destination } from './subscriptions.js';
import { runTrigger } from './triggers.js';
import type { ConditionResult } from './triggers.js';

/** The namespace Argo CD (and its notifications ConfigMap) lives in. */
export const NOTIFICATIONS_NAMESPACE = 'argocd';
const APP = { group: 'argoproj.io', kind: 'Application' };

interface Parts {
  inbox: NotificationInbox;
  /** Last warning per app/trigger, so a failing condition is reported when it changes, not on every pass. */
  warned: Map<string, string>;
  /** The parsed ConfigMap, reused while its resourceVersion stays the same. */
  config?: { rv: string; cfg: NotificationsConfig };
}

const parts = new WeakMap<Sandbox, Parts>();

function partsFor(sandbox: Sandbox): Parts {
  let p = parts.get(sandbox);
  if (!p) {
    const inbox = new NotificationInbox();
    p = { inbox, warned: new Map() };
    parts.set(sandbox, p);
    sandbox.registerState('notifications', { getState: () => inbox.getState(), setState: (s) => inbox.setState(s) });
  }
  return p;
}

/** The sandbox's notification inbox (registered for snapshots on first use). */
export function notificationInbox(sandbox: Sandbox): NotificationInbox {
  return partsFor(sandbox).inbox;
}

/** Argo CD's expression helpers (util/notification/expression): `time.Now()`, `time.Parse(s)`, `strings.*`. */
function exprVars(app: KubeObject, cfg: NotificationsConfig, now: number): ExprMap {
  return {
    app: app as unknown as ExprMap,
    context: cfg.context,
    time: {
      Now: () => new ExprTime(now),
      Parse: (s: unknown) => {
        const ms = typeof s === 'string' ? Date.parse(s) : NaN;
        if (Number.isNaN(ms)) throw new Error(`parsing time ${JSON.stringify(String(s ?? ''))} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(String(s ?? ''))} as "2006"`);
        return new ExprTime(ms);
      },
    },
    strings: {
      ReplaceAll: (s: unknown, a: unknown, b: unknown) => String(s).split(String(a)).join(String(b)),
      ToUpper: (s: unknown) => String(s).toUpperCase(),
      ToLower: (s: unknown) => String(s).toLowerCase(),
    },
  };
}

function mergeTemplates(names: string[], cfg: NotificationsConfig): NotificationTemplate {
  const out: NotificationTemplate = {};
  for (const n of names) {
    const t = cfg.templates.get(n);
    if (!t) throw new Error(`template '${n}' is not supported`);
    Object.assign(out, t);
  }
  return out;
}

function describeWhy(trigger: string, r: ConditionResult, dest: Destination): string {
  const once = r.condition.oncePer ? ` (once per ${r.condition.oncePer} = ${r.oncePer})` : '';
  const to = dest.recipient ? `${dest.service}:${dest.recipient}` : dest.service;
  return `${trigger} fired: ${r.condition.when} became true${once}; sent ${r.condition.send.join(', ')} to ${to}.`;
}

/**
 * Argo CD's skip rule (isAppSyncStatusRefreshed): after an operation completes, wait until the app was
 * refreshed (reconciledAt or observedAt not before finishedAt) so triggers see the new sync status.
 */
export function syncStatusRefreshed(app: KubeObject): boolean {
  const status = (app.status ?? {}) as { operationState?: { phase?: string; finishedAt?: string }; reconciledAt?: string; observedAt?: string };
  const phase = status.operationState?.phase;
  if (phase !== 'Failed' && phase !== 'Error' && phase !== 'Succeeded') return true;
  const finished = Date.parse(status.operationState?.finishedAt ?? '');
  if (Number.isNaN(finished)) return false;
  const at = (s: string | undefined): number => {
    const ms = Date.parse(s ?? '');
    return Number.isNaN(ms) ? -Infinity : ms;
  };
  return !(finished > at(status.reconciledAt) && finished > at(status.observedAt));
}

function reconcile(ctx: ClusterContext, key: string): void {
  const { namespace, name } = splitKey(key);
  const app = ctx.store.get({ ...APP, namespace, name });
  if (!app || !syncStatusRefreshed(app)) return;
  const cm = ctx.store.get({ kind: 'ConfigMap', namespace: NOTIFICATIONS_NAMESPACE, name: NOTIFICATIONS_CM });
  if (!cm) return;
  const p = partsFor(ctx.sandbox);
  const secret = ctx.store.get({ kind: 'Secret', namespace: NOTIFICATIONS_NAMESPACE, name: NOTIFICATIONS_SECRET });
  const rv = `${cm.metadata.resourceVersion ?? ''}/${secret?.metadata.resourceVersion ?? ''}`;
  if (p.config?.rv !== rv) {
    p.config = { rv, cfg: parseNotificationsConfig(cm.data as Record<string, string> | undefined, secret ? secretData(secret) : {}) };
    for (const message of p.config.cfg.errors) {
      ctx.record({
        involvedObject: { apiVersion: 'v1', kind: 'ConfigMap', namespace: NOTIFICATIONS_NAMESPACE, name: NOTIFICATIONS_CM, uid: cm.metadata.uid },
        reason: 'InvalidConfiguration',
        type: 'Warning',
        message,
        why: `A key of ${NOTIFICATIONS_CM} does not parse, so it is ignored until it is fixed.`,
      });
    }
  }
  const cfg = p.config.cfg;
  const meta = app.metadata as { labels?: Record<string, string>; annotations?: Record<string, string> };
  const dests = destinationsFor(meta, cfg);
  if (dests.size === 0) return;
  const ref = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace, name, uid: app.metadata.uid };
  const warn = (trigger: string, message: string, why: string): void => {
    const wkey = `${key}\0${trigger}`;
    if (p.warned.get(wkey) === message) return;
    p.warned.set(wkey, message);
    ctx.record({ involvedObject: ref, reason: 'NotificationFailed', type: 'Warning', message, why });
  };
  const state = parseState(meta.annotations?.[NOTIFIED_ANNOTATION]);
  const now = ctx.now();
  const vars = exprVars(app, cfg, now);
  let render: ReturnType<typeof goTemplateRenderer> | undefined;
  for (const trigger of [...dests.keys()].sort()) {
    const to = dests.get(trigger) ?? [];
    const conditions = cfg.triggers.get(trigger);
    if (!conditions) {
      warn(trigger, `failed to evaluate condition of trigger ${trigger}: trigger '${trigger}' is not configured using the configuration in namespace ${NOTIFICATIONS_NAMESPACE}`,
        `The Application subscribes to ${trigger}, but ${NOTIFICATIONS_CM} has no trigger.${trigger} key.`);
      continue;
    }
    for (const r of runTrigger(conditions, vars, now)) {
      if (r.error) warn(trigger, r.error, `The condition of ${trigger} could not be evaluated, so it counts as false.`);
      if (!r.triggered) {
        for (const d of to) setAlreadyNotified(state, trigger, r, d, false, Math.floor(now / 1000));
        continue;
      }
      for (const d of to) {
        if (!setAlreadyNotified(state, trigger, r, d, true, Math.floor(now / 1000))) continue;
        try {
          const service = cfg.services.get(d.service);
          if (!service) throw new Error(`notification service '${d.service}' is not supported`);
          const template = mergeTemplates(r.condition.send, cfg);
          const data = { app, context: cfg.context, serviceType: service.type, secrets: {} };
          render ??= goTemplateRenderer({ now: ctx.now, rng: ctx.rng });
          const out = renderNotification(r.condition.send.join(','), template, service, data, render);
          p.inbox.deliver({
            t: now,
            trigger,
            template: r.condition.send.join(','),
            service: d.service,
            serviceType: service.type,
            recipient: d.recipient,
            app: { namespace, name },
            title: out.title,
            body: out.body,
          });
          ctx.record({
            involvedObject: ref,
            reason: 'NotificationSent',
            message: `Sent ${r.condition.send.join(', ')} for trigger ${trigger} to ${d.service}${d.recipient ? `:${d.recipient}` : ''}`,
            why: describeWhy(trigger, r, d),
          });
        } catch (e) {
          // Delivery failed: forget it was sent so the next pass retries (services.HandleSendError).
          setAlreadyNotified(state, trigger, r, d, false, Math.floor(now / 1000));
          warn(trigger, `Failed to notify recipient ${d.recipient} defined in resource ${namespace}/${name}: ${e instanceof Error ? e.message : String(e)} using the configuration in namespace ${NOTIFICATIONS_NAMESPACE}`,
            `${trigger} fired but the notification could not be delivered; it is retried on the next change of the Application.`);
        }
      }
    }
  }
  const next = serializeState(state);
  const current = meta.annotations?.[NOTIFIED_ANNOTATION];
  if (next !== current) {
    ctx.store.patch({ ...APP, namespace, name }, 'merge', { metadata: { annotations: { [NOTIFIED_ANNOTATION]: next ?? null } } });
  }
}

export const notificationsController: ClusterController = {
  name: 'argocd-notifications-controller',
  component: 'argocd-notifications-controller',
  watches: [
    { group: 'argoproj.io', kind: 'Application' },
    {
      group: '',
      kind: 'ConfigMap',
      // A config change re-evaluates every Application (the engine re-reads settings per pass).
      map: (event) => {
        const m = event.object.metadata;
        return m.namespace === NOTIFICATIONS_NAMESPACE && m.name === NOTIFICATIONS_CM ? ['*'] : [];
      },
    },
    {
      group: '',
      kind: 'Secret',
      map: (event) => {
        const m = event.object.metadata;
        return m.namespace === NOTIFICATIONS_NAMESPACE && m.name === NOTIFICATIONS_SECRET ? ['*'] : [];
      },
    },
  ],
  reconcile(ctx, key) {
    if (key !== '*') return reconcile(ctx, key);
    for (const app of ctx.store.list(APP)) ctx.enqueue(`${app.metadata.namespace ?? ''}/${app.metadata.name ?? ''}`);
  },
};
