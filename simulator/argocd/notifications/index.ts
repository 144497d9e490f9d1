/**
 * Argo CD notifications (argoproj/notifications-engine as Argo CD configures it).
 *
 * - `notificationsController`: register it in the Argo CD install; it reads `argocd-notifications-cm`
 *   in namespace `argocd` and the Applications' subscribe annotations, evaluates `trigger.*` conditions
 *   with `simulator/expr`, renders `template.*` and delivers to the inbox.
 * - `notificationInbox(sandbox)`: the inbox (`list({recipient?, trigger?})`), saved in snapshots under
 *   `notifications`. `setNotificationRenderer(sandbox, fn)`: plug in a Go template engine.
 * - `CATALOG_TRIGGERS` / `CATALOG_TEMPLATES` / `catalogConfigMapData()`: the catalog as data.
 */
export { notificationsController, notificationInbox, setNotificationRenderer, NOTIFICATIONS_NAMESPACE } from './controller.js';
export { NotificationInbox, INBOX_LIMIT } from './inbox.js';
export type { InboxEntry, InboxState } from './inbox.js';
export { parseNotificationsConfig, NOTIFICATIONS_CM, DEFAULT_CONTEXT } from './config.js';
export type { NotificationsConfig, TriggerCondition, NotificationTemplate, ServiceConfig, GlobalSubscription } from './config.js';
export { destinationsFor, annotationDestinations, globalDestinations, ANNOTATION_PREFIX, NOTIFIED_ANNOTATION } from './subscriptions.js';
export type { Destination, Destinations } from './subscriptions.js';
export { runTrigger, conditionKey } from './triggers.js';
export type { ConditionResult } from './triggers.js';
export { parseState, serializeState, setAlreadyNotified, stateKey, NOTIFIED_HISTORY_MAX } from './state.js';
export type { NotificationsState } from './state.js';
export { renderNotification, fieldOnlyRenderer } from './render.js';
export type { Rendered, TemplateRenderer } from './render.js';
export { CATALOG_TRIGGERS, CATALOG_TEMPLATES, catalogConfigMapData } from './catalog.js';
