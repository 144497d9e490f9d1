/**
 * Cluster generator: the in-cluster destination (only when no selector is given and no Secret redefines
 * it) then every `argocd.argoproj.io/secret-type: cluster` Secret matching `selector`. Params: name,
 * nameNormalized, server, project, metadata.labels/annotations, values (values are templated with the
 * other params).
 */
import { fromLabelSelectorObject, matchesLabels } from '../../../cluster/selectors.js';
import { IN_CLUSTER_NAME, IN_CLUSTER_SERVER, readArgoCDSettings, secretData, secretsOfType } from '../../settings/index.js';
import { renderTemplate, sanitizeName } from '../template.js';
import type { Params } from '../template.js';
import { obj } from './types.js';
import type { Generator } from './types.js';

export const clusterGenerator: Generator = (spec, ctx) => {
  const selectorSpec = obj(spec.selector);
  const hasSelector = Object.keys(obj(selectorSpec.matchLabels)).length > 0 || (Array.isArray(selectorSpec.matchExpressions) && selectorSpec.matchExpressions.length > 0);
  const selector = fromLabelSelectorObject(selectorSpec);
  const secrets = secretsOfType(ctx.store, 'cluster', ctx.namespace);
  const out: Params[] = [];
  const values = obj(spec.values);

  const make = (name: string, server: string, project: string, labels: Record<string, string>, annotations: Record<string, string>): Params => {
    if (ctx.goTemplate) {
      const p: Params = { name, nameNormalized: sanitizeName(name), server, project, metadata: { labels, annotations } };
      p.values = renderTemplate(values, p, { goTemplate: true });
      return p;
    }
    const p: Params = { name, nameNormalized: sanitizeName(name), server, project };
    for (const [k, v] of Object.entries(labels)) p[`metadata.labels.${k}`] = v;
    for (const [k, v] of Object.entries(annotations)) p[`metadata.annotations.${k}`] = v;
    for (const [k, v] of Object.entries(values)) p[`values.${k}`] = renderTemplate(typeof v === 'string' ? v : JSON.stringify(v), p, { goTemplate: false });
    return p;
  };

  const localSecret = secrets.some((s) => (secretData(s).server ?? '').replace(/\/+$/, '') === IN_CLUSTER_SERVER);
  if (!hasSelector && !localSecret && readArgoCDSettings(ctx.store, ctx.namespace).inClusterEnabled) {
    out.push(make(IN_CLUSTER_NAME, IN_CLUSTER_SERVER, '', {}, {}));
  }
  for (const s of secrets) {
    const labels = (s.metadata.labels ?? {}) as Record<string, string>;
    if (hasSelector && !matchesLabels(selector, labels)) continue;
    const d = secretData(s);
    out.push(make(d.name ?? '', (d.server ?? '').replace(/\/+$/, ''), d.project ?? '', labels, (s.metadata.annotations ?? {}) as Record<string, string>));
  }
  return out;
};
