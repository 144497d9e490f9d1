/**
 * Rendering a notification: each string field of the template (message, email.subject/body, teams.title,
 * webhook.<name>.path/body, slack.attachments…) is a Go template over `{app, context, serviceType,
 * secrets}`. The inbox keeps one title and one body per delivery, picked per service type.
 */
import type { NotificationTemplate, ServiceConfig } from './config.js';

export interface Rendered {
  title: string;
  body: string;
}

/** Go text/template execution (missingkey=default: a missing key prints `<no value>`). */
export type TemplateRenderer = (name: string, text: string, data: Record<string, unknown>) => string;

function lookupPath(data: unknown, path: string[]): unknown {
  let cur = data;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/** Field references only (`{{.app.metadata.name}}`); used until a Go template engine is passed in. */
export const fieldOnlyRenderer: TemplateRenderer = (name, text, data) =>
  text.replace(/\{\{-?\s*([^}]*?)\s*-?\}\}/g, (_m, expr: string) => {
    if (!/^(\.[A-Za-z0-9_-]+)+$/.test(expr)) throw new Error(`template: ${name}: unsupported action {{${expr}}}`);
    const v = lookupPath(data, expr.slice(1).split('.'));
    if (v === undefined || v === null) return '<no value>';
    return typeof v === 'string' ? v : JSON.stringify(v);
  });

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
