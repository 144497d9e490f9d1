/**
 * The triggers of Argo CD's notification catalog (argo-cd notifications_catalog/triggers: same names,
 * conditions and oncePer) with short templates of our own, as ConfigMap data a learner can paste into
 * `argocd-notifications-cm`.
 */
import { dump } from 'js-yaml';
import type { NotificationTemplate, TriggerCondition } from './config.js';

const REVISION = 'app.status.operationState?.syncResult?.revision';

export const CATALOG_TRIGGERS: Record<string, TriggerCondition[]> = {
  'on-created': [{ when: 'true', description: 'Application is created.', send: ['app-created'], oncePer: 'app.metadata.name' }],
  'on-deleted': [{ when: 'app.metadata.deletionTimestamp != nil', description: 'Application is deleted.', send: ['app-deleted'], oncePer: 'app.metadata.name' }],
  'on-deployed': [
    {
      when: "app.status.operationState != nil and app.status.operationState.phase in ['Succeeded'] and app.status.health.status == 'Healthy' and !time.Parse(app.status.health.lastTransitionTime).Before(time.Parse(app.status.operationState.finishedAt))",
      description: 'Application is synced and healthy. Triggered once per commit.',
      send: ['app-deployed'],
      oncePer: REVISION,
    },
  ],
  'on-health-degraded': [{ when: "app.status.health.status == 'Degraded'", description: 'Application has degraded', send: ['app-health-degraded'] }],
  'on-sync-failed': [
    { when: "app.status.operationState != nil and app.status.operationState.phase in ['Error', 'Failed']", description: 'Application syncing has failed', send: ['app-sync-failed'], oncePer: REVISION },
  ],
  'on-sync-running': [
    { when: "app.status.operationState != nil and app.status.operationState.phase in ['Running']", description: 'Application is being synced', send: ['app-sync-running'], oncePer: REVISION },
  ],
  'on-sync-status-unknown': [{ when: "app.status.sync.status == 'Unknown'", description: "Application status is 'Unknown'", send: ['app-sync-status-unknown'], oncePer: REVISION }],
  'on-sync-succeeded': [
    { when: "app.status.operationState != nil and app.status.operationState.phase in ['Succeeded']", description: 'Application syncing has succeeded', send: ['app-sync-succeeded'], oncePer: REVISION },
  ],
};

function tmpl(subject: string, message: string): NotificationTemplate {
  return { message, email: { subject } };
}

const LINK = '{{.context.argocdUrl}}/applications/{{.app.metadata.name}}';

export const CATALOG_TEMPLATES: Record<string, NotificationTemplate> = {
  'app-created': tmpl('Application {{.app.metadata.name}} was created.', `Application {{.app.metadata.name}} was created. Details: ${LINK}`),
  'app-deleted': tmpl('Application {{.app.metadata.name}} was deleted.', 'Application {{.app.metadata.name}} was deleted.'),
  'app-deployed': tmpl(
    'Application {{.app.metadata.name}} is deployed.',
    `Application {{.app.metadata.name}} is running revision {{.app.status.sync.revision}} and is healthy. Details: ${LINK}`,
  ),
  'app-health-degraded': tmpl(
    'Application {{.app.metadata.name}} is degraded.',
    `Application {{.app.metadata.name}} health is {{.app.status.health.status}}. Details: ${LINK}`,
  ),
  'app-sync-failed': tmpl(
    'Syncing application {{.app.metadata.name}} failed.',
    `Sync of {{.app.metadata.name}} ended {{.app.status.operationState.phase}} at {{.app.status.operationState.finishedAt}}: {{.app.status.operationState.message}}. Details: ${LINK}?operation=true`,
  ),
  'app-sync-running': tmpl(
    'Syncing application {{.app.metadata.name}} started.',
    `Sync of {{.app.metadata.name}} started at {{.app.status.operationState.startedAt}}. Details: ${LINK}?operation=true`,
  ),
  'app-sync-status-unknown': tmpl(
    'Application {{.app.metadata.name}} sync status is Unknown.',
    `Sync status of {{.app.metadata.name}} is Unknown. Details: ${LINK}`,
  ),
  'app-sync-succeeded': tmpl(
    'Application {{.app.metadata.name}} has been successfully synced.',
    `Sync of {{.app.metadata.name}} succeeded at {{.app.status.operationState.finishedAt}}. Details: ${LINK}?operation=true`,
  ),
};

/** `trigger.<name>` and `template.<name>` keys with YAML values, ready for a ConfigMap's `data`. */
export function catalogConfigMapData(): Record<string, string> {
  const data: Record<string, string> = {};
  for (const [name, t] of Object.entries(CATALOG_TEMPLATES)) data[`template.${name}`] = dump(t, { lineWidth: -1 });
  for (const [name, c] of Object.entries(CATALOG_TRIGGERS)) data[`trigger.${name}`] = dump(c, { lineWidth: -1 });
  return data;
}
