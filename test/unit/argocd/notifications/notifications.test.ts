/** Argo CD notifications: triggers on Application changes, once-only delivery, oncePer, inbox, config errors. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSandbox, installCrd } from '../../../../simulator/index.js';
import type { JsonObject, Sandbox } from '../../../../simulator/index.js';
import { ARGOCD_CRDS } from '../../../../simulator/argocd/crds/index.js';
import {
  NOTIFIED_ANNOTATION,
  catalogConfigMapData,
  conditionKey,
  notificationInbox,
  notificationsController,
} from '../../../../simulator/argocd/notifications/index.js';

const APP_KEY = { group: 'argoproj.io', kind: 'Application', namespace: 'argocd', name: 'guestbook' };

function world(data: Record<string, string>, annotations: Record<string, string>, labels: Record<string, string> = {}, secret?: Record<string, string>): Sandbox {
  const sb = createSandbox({ seed: 7, argocd: false });
  for (const crd of ARGOCD_CRDS) installCrd(sb.store, crd);
  sb.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argocd' } });
  if (secret) sb.store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'argocd-notifications-secret', namespace: 'argocd' }, stringData: secret });
  sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-notifications-cm', namespace: 'argocd' }, data });
  sb.addController(notificationsController);
  sb.store.create({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'guestbook', namespace: 'argocd', annotations, labels },
    spec: { project: 'default', source: { repoURL: 'https://git.example/guestbook.git', path: '.' }, destination: { server: 'https://kubernetes.default.svc', namespace: 'default' } },
    status: { sync: { status: 'OutOfSync' }, health: { status: 'Missing' } },
  });
  sb.runUntilSettled();
  return sb;
}

function setStatus(sb: Sandbox, status: JsonObject): void {
  sb.store.patch(APP_KEY, 'merge', { status });
  sb.runUntilSettled();
}

const op = (phase: string, revision: string): JsonObject => ({
  operationState: { phase, startedAt: '2025-01-01T00:00:00Z', finishedAt: '2025-01-01T00:00:05Z', syncResult: { revision } },
  reconciledAt: '2025-01-01T00:00:06Z',
});

const CONFIG = { ...catalogConfigMapData(), 'service.slack': 'token: $slack-token\n', 'context': 'argocdUrl: https://argocd.example\n' };

describe('argocd notifications', () => {
  it('sends on-sync-succeeded once per revision and remembers it in the notified annotation', () => {
    const sb = world(CONFIG, { 'notifications.argoproj.io/subscribe.on-sync-succeeded.slack': 'deploys' });
    const inbox = notificationInbox(sb);
    expect(inbox.list()).toHaveLength(0);

    setStatus(sb, op('Running', 'aaa111'));
    expect(inbox.list()).toHaveLength(0);
    setStatus(sb, op('Succeeded', 'aaa111'));
    setStatus(sb, { sync: { status: 'Synced' } });
    const sent = inbox.list();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ trigger: 'on-sync-succeeded', service: 'slack', serviceType: 'slack', recipient: 'deploys', template: 'app-sync-succeeded' });
    expect(sent[0].body).toContain('Sync of guestbook succeeded at 2025-01-01T00:00:05Z. Details: https://argocd.example/applications/guestbook?operation=true');

    const ann = sb.store.get(APP_KEY)?.metadata.annotations?.[NOTIFIED_ANNOTATION];
    const key = `aaa111:on-sync-succeeded:${conditionKey(0, CATALOG_WHEN)}:slack:deploys`;
    expect(Object.keys(JSON.parse(ann ?? '{}'))).toEqual([key]);

    // A new sync of another revision notifies again; the same revision does not.
    setStatus(sb, op('Running', 'bbb222'));
    setStatus(sb, op('Succeeded', 'bbb222'));
    setStatus(sb, op('Succeeded', 'bbb222'));
    expect(inbox.list().map((e) => e.trigger)).toEqual(['on-sync-succeeded', 'on-sync-succeeded']);

    const why = sb.log.all().filter((e) => e.reason === 'NotificationSent').map((e) => e.why);
    expect(why[0]).toBe(
      "on-sync-succeeded fired: app.status.operationState != nil and app.status.operationState.phase in ['Succeeded'] became true (once per app.status.operationState?.syncResult?.revision = aaa111); sent app-sync-succeeded to slack:deploys.",
    );
  });

  it('waits until the app was refreshed after its operation finished (isAppSyncStatusRefreshed)', () => {
    const sb = world(CONFIG, { 'notifications.argoproj.io/subscribe.on-sync-succeeded.slack': 'deploys' });
    setStatus(sb, { ...op('Succeeded', 'r1'), reconciledAt: '2025-01-01T00:00:04Z' });
    expect(notificationInbox(sb).list()).toHaveLength(0);
    setStatus(sb, { reconciledAt: '2025-01-01T00:00:07Z' });
    expect(notificationInbox(sb).list()).toHaveLength(1);
  });

  it('on-health-degraded (no oncePer) fires again only after the condition was false in between', () => {
    const sb = world(CONFIG, { 'notifications.argoproj.io/subscribe.on-health-degraded.slack': 'oncall;team' });
    setStatus(sb, { health: { status: 'Degraded' } });
    setStatus(sb, { health: { status: 'Degraded', message: 'still' } });
    expect(notificationInbox(sb).list().map((e) => e.recipient)).toEqual(['oncall', 'team']);
    setStatus(sb, { health: { status: 'Healthy' } });
    expect(sb.store.get(APP_KEY)?.metadata.annotations?.[NOTIFIED_ANNOTATION]).toBeUndefined();
    setStatus(sb, { health: { status: 'Degraded' } });
    expect(notificationInbox(sb).list({ recipient: 'oncall' })).toHaveLength(2);
    expect(notificationInbox(sb).list()[0].body).toBe('Application guestbook health is Degraded. Details: https://argocd.example/applications/guestbook');
  });

  it('on-created fires once per app name through default triggers and a global subscription', () => {
    const sb = world(
      { ...CONFIG, defaultTriggers: '- on-created\n', subscriptions: '- recipients: [slack:platform]\n  selector: team=web\n' },
      { 'notifications.argoproj.io/subscribe.slack': 'audit' },
      { team: 'web' },
    );
    setStatus(sb, { health: { status: 'Healthy' } });
    const got = notificationInbox(sb).list().map((e) => `${e.trigger}:${e.recipient}`);
    expect(got).toEqual(['on-created:platform', 'on-created:audit']);
  });

  it('on-deployed compares times with time.Parse: healthy since the sync finished, once per revision', () => {
    const sb = world(CONFIG, { 'notifications.argoproj.io/subscribe.on-deployed.slack': 'rel' });
    const finished = { ...op('Succeeded', 'r1'), sync: { status: 'Synced', revision: 'r1' } };
    // Healthy before the sync finished: not yet "deployed".
    setStatus(sb, { ...finished, health: { status: 'Healthy', lastTransitionTime: '2025-01-01T00:00:01Z' } });
    expect(notificationInbox(sb).list()).toHaveLength(0);
    setStatus(sb, { ...finished, health: { status: 'Healthy', lastTransitionTime: '2025-01-01T00:00:09Z' } });
    setStatus(sb, { ...finished, health: { status: 'Healthy', lastTransitionTime: '2025-01-01T00:00:10Z' } });
    const sent = notificationInbox(sb).list();
    expect(sent.map((e) => e.trigger)).toEqual(['on-deployed']);
    expect(sent[0].body).toBe('Application guestbook is running revision r1 and is healthy. Details: https://argocd.example/applications/guestbook');
  });

  it('renders per service: email subject, webhook method and url', () => {
    const data = {
      'trigger.on-degraded': "- when: app.status.health.status == 'Degraded'\n  send: [hook, degraded]\n",
      'template.degraded': 'message: "{{.app.metadata.name}} is {{.app.status.health.status}}"\nemail:\n  subject: "[{{.app.spec.destination.namespace}}] degraded"\n',
      'template.hook': 'webhook:\n  github:\n    method: POST\n    path: /status/{{.app.metadata.name}}\n    body: \'{"state": "{{.app.status.health.status}}"}\'\n',
      'service.email': 'host: smtp.example\nfrom: argocd@example\n',
      'service.webhook.github': 'url: $github-url\n',
    };
    const sb = world(data, {}, {}, { 'github-url': 'https://api.github.example' });
    sb.store.patch(APP_KEY, 'merge', { metadata: { annotations: {
      'notifications.argoproj.io/subscribe.on-degraded.email': 'ops@example',
      'notifications.argoproj.io/subscribe.on-degraded.github': '',
    } } });
    setStatus(sb, { health: { status: 'Degraded' } });
    const [email, hook] = notificationInbox(sb).list();
    expect(email).toMatchObject({ service: 'email', recipient: 'ops@example', title: '[default] degraded', body: 'guestbook is Degraded' });
    expect(hook).toMatchObject({ service: 'github', serviceType: 'webhook', recipient: '', title: 'POST https://api.github.example/status/guestbook', body: '{"state": "Degraded"}' });
  });

  it('templates are Go templates with Sprig; a template error is a delivery failure', () => {
    const data = {
      ...CONFIG,
      'trigger.on-degraded': "- when: app.status.health.status == 'Degraded'\n  send: [fancy]\n",
      'template.fancy':
        'message: |-\n  {{if eq .serviceType "slack"}}:warning: {{end}}{{.app.metadata.name | upper}} in {{.app.spec.destination.namespace | quote}}{{range $i, $c := .app.status.conditions}} [{{$i}}:{{$c.type}}]{{end}}\n',
      'trigger.on-bad': "- when: 'true'\n  send: [bad]\n",
      'template.bad': 'message: "{{.app.metadata.name | nosuchfunc}}"\n',
    };
    const sb = world(data, { 'notifications.argoproj.io/subscribe.on-degraded.slack': 'a', 'notifications.argoproj.io/subscribe.on-bad.slack': 'b' });
    setStatus(sb, { health: { status: 'Degraded' }, conditions: [{ type: 'SyncError', message: 'x' }] });
    expect(notificationInbox(sb).list().map((e) => e.body)).toEqual([':warning: GUESTBOOK in "default" [0:SyncError]']);
    const warnings = sb.log.all().filter((e) => e.reason === 'NotificationFailed').map((e) => e.message);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('Failed to notify recipient b defined in resource argocd/guestbook: template: bad.message:1:');
    expect(warnings[0]).toContain('function "nosuchfunc" not defined');
  });

  it('reports an unknown service, an unconfigured trigger and a failing condition as warnings, once each', () => {
    const data = { ...CONFIG, 'trigger.broken': "- when: app.status.health.status + 1 == 2\n  send: [app-created]\n", 'trigger.unparsable': 'when: [' };
    const sb = world(data, {
      'notifications.argoproj.io/subscribe.on-created.teams': 'x',
      'notifications.argoproj.io/subscribe.on-missing.slack': 'y',
      'notifications.argoproj.io/subscribe.broken.slack': 'z',
    });
    setStatus(sb, { health: { status: 'Healthy' } });
    setStatus(sb, { health: { status: 'Progressing' } });
    const config = sb.log.all().filter((e) => e.reason === 'InvalidConfiguration').map((e) => e.message);
    expect(config).toHaveLength(1);
    expect(config[0]).toMatch(/^failed to unmarshal trigger unparsable: /);
    const warnings = sb.log.all().filter((e) => e.reason === 'NotificationFailed').map((e) => e.message);
    expect(warnings).toEqual([
      'failed to execute when condition: invalid operation: string + int (1:26)\n | app.status.health.status + 1 == 2\n | .........................^',
      "Failed to notify recipient x defined in resource argocd/guestbook: notification service 'teams' is not supported using the configuration in namespace argocd",
      "failed to evaluate condition of trigger on-missing: trigger 'on-missing' is not configured using the configuration in namespace argocd",
    ]);
    expect(notificationInbox(sb).list()).toHaveLength(0);
  });

  it('keeps the inbox in snapshots', () => {
    const sb = world(CONFIG, { 'notifications.argoproj.io/subscribe.on-created.slack': 'c' });
    expect(notificationInbox(sb).list()).toHaveLength(1);
    const snap = sb.snapshot();
    notificationInbox(sb).clear();
    sb.restore(snap);
    expect(notificationInbox(sb).list()).toHaveLength(1);
  });

  it('condition keys are [index].base64url(sha1(when)) like notifications-engine', () => {
    const h = createHash('sha1').update('true').digest('base64url');
    expect(conditionKey(0, 'true')).toBe(`[0].${h}`);
  });
});

const CATALOG_WHEN = "app.status.operationState != nil and app.status.operationState.phase in ['Succeeded']";
