/**
 * Argo CD notifications (argoproj/notifications-engine as Argo CD configures it).
 *
 * - `notificationsController`: register it in the Argo CD install; it reads `argocd-notifications-cm`
 *   in namespace `argocd` and the Applications' subscribe annotations, evaluates `trigger.*` conditions
 *   with `simulator/expr`, renders `template.*` and delivers to the inbox.
 * - `notificationInbox(sandbox)`: the inbox (`list({recipient?, trigger?})`), saved in snapshots under
 *   `notifications`. Templates are Go templates with Sprig (`simulator/gotemplate`, `simulator/sprig`).
 * - `CATALOG_TRIGGERS` / `CATALOG_TEMPLATES` / `catalogConfigMapData()`: the catalog as data.
 * - `installNotifications(sandbox)`: both of the above wired into a sandbox.
 */
import type { Sandbox } from '../../sandbox.js';
import { notificationInbox as inboxOf, notificationsController as controller } from './controller.js';

export { notificationsController, notificationInbox, syncStatusRefreshed, NOTIFICATIONS_NAMESPACE } from './controller.js';
export { NotificationInbox, INBOX_LIMIT } from './inbox.js';
export type { InboxEntry, InboxState } from './inbox.js';
export { parseNotificationsConfig, NOTIFICATIONS_CM, NOTIFICATIONS_SECRET, DEFAULT_CONTEXT } from './config.js';
export type { NotificationsConfig, TriggerCondition, NotificationTemplate, ServiceConfig, GlobalSubscription } from './config.js';
export { destinationsFor, annotationDestinations, globalDestinations, ANNOTATION_PREFIX, NOTIFIED_ANNOTATION } from './subscriptions.js';
export type { Destination, Destinations } from './subscriptions.js';
export { runTrigger, conditionKey } from './triggers.js';
export type { ConditionResult } from './triggers.js';
export { parseState, serializeState, setAlreadyNotified, stateKey, NOTIFIED_HISTORY_MAX } from './state.js';
export type { NotificationsState } from './state.js';
export { renderNotification, goTemplateRenderer } from './render.js';
export type { Rendered, TemplateRenderer } from './render.js';
export { CATALOG_TRIGGERS, CATALOG_TEMPLATES, catalogConfigMapData } from './catalog.js';

/** Register the inbox for snapshots (before any restore) and add the controller. */
export function installNotifications(sandbox: Sandbox): void {
  inboxOf(sandbox);
  sandbox.addController(controller);
}
