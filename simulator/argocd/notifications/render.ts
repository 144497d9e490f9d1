/**
 * Rendering a notification: each string field of the template (message, email.subject/body, teams.title,
 * webhook.<name>.path/body, slack.attachments…) is a Go template over `{app, context, serviceType,
 * secrets}`. The inbox keeps one title and one body per delivery, picked per service type.
 */
import { fromJsonData, renderTemplate } from '../../gotemplate/index.js';
import { sprigFuncs } from '../../sprig/index.js';
import type { SprigEnv } from '../../sprig/index.js';
import type { NotificationTemplate, ServiceConfig } from './config.js';

export interface Rendered {
  title: string;
  body: string;
}

/** Go text/template execution of one field of a template (name like `app-sync-succeeded.message`). */
export type TemplateRenderer = (name: string, text: string, data: Record<string, unknown>) => string;

/**
 * Go text/template with Sprig (notifications-engine parses every field with sprig.TxtFuncMap); the
 * Application is unstructured data, so its integers are int64.
 */
export function goTemplateRenderer(env: SprigEnv = {}): TemplateRenderer {
  const funcs = sprigFuncs(env);
  delete funcs.env;
  delete funcs.expandenv;
  return (name, text, data) => renderTemplate(text, fromJsonData(data, 'int64'), { funcs, name });
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function block(t: NotificationTemplate, key: string): Record<string, unknown> {
  const v = t[key];
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function renderNotification(
  templateName: string,
  template: NotificationTemplate,
  service: ServiceConfig,
  data: Record<string, unknown>,
  render: TemplateRenderer,
): Rendered {
  const r = (field: string, text: string | undefined): string => (text === undefined ? '' : render(`${templateName}.${field}`, text, data));
  const message = r('message', str(template.message));
  switch (service.type) {
    case 'email': {
      const email = block(template, 'email');
      const body = r('email.body', str(email.body));
      return { title: r('email.subject', str(email.subject)), body: body || message };
    }
    case 'webhook': {
      const hook = block(block(template, 'webhook'), service.name);
      const method = str(hook.method) ?? 'GET';
      const url = `${str(service.options.url) ?? ''}${r(`webhook.${service.name}.path`, str(hook.path))}`;
      return { title: `${method} ${url}`, body: r(`webhook.${service.name}.body`, str(hook.body)) || message };
    }
    case 'teams': {
      const teams = block(template, 'teams');
      return { title: r('teams.title', str(teams.title)), body: r('teams.text', str(teams.text)) || message };
    }
    case 'slack':
    case 'mattermost':
    case 'rocketchat': {
      const chat = block(template, service.type);
      const attachments = r(`${service.type}.attachments`, str(chat.attachments));
      return { title: '', body: attachments ? `${message}\n${attachments.trim()}` : message };
    }
    default:
      return { title: '', body: message };
  }
}
