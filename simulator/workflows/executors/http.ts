/**
 * HTTP templates (operator.go executeHTTPTemplate + the agent's executeHTTPTemplate). Upstream an
 * agent pod makes the request; the sandbox answers it from the mock HTTP table (simulator/workflows/http)
 * after the mock's virtual latency. Node type `HTTP`; `outputs.result` is the body; without a
 * `successCondition` a non-2xx status fails the node; with one, it is an expr-lang expression over
 * `request` and `response` (statusCode, body, headers).
 */
import { Buffer } from 'buffer';
import { evaluate } from '../../expr/index.js';
import type { Woc } from '../controller/woc.js';
import { findMock, goMethod, noRouteMessage } from '../http/index.js';
import { fulfilled } from '../nodes/types.js';
import type { NodeStatus } from '../nodes/types.js';
import { registerExecutor } from './types.js';
import type { ExecuteRequest } from './types.js';

export interface HttpTemplate {
  method?: string;
  url?: string;
  headers?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  body?: string;
  bodyFrom?: { bytes?: string };
  timeoutSeconds?: number | string;
  successCondition?: string;
  insecureSkipVerify?: boolean;
}

/** Go's http.Header: canonical names, values as lists. */
function headerMap(entries: [string, string][]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of entries) {
    const name = k.toLowerCase().replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase());
    (out[name] ??= []).push(v);
  }
  return out;
}

/** The node's result once the (mock) response is in: phase, message, body. */
export function httpOutcome(h: HttpTemplate, status: number, headers: Record<string, string>, body: string): { phase: 'Succeeded' | 'Failed'; message: string } {
  if (!h.successCondition) {
    if (status >= 200 && status < 300) return { phase: 'Succeeded', message: '' };
    return { phase: 'Failed', message: `received non-2xx response code: ${status}` };
  }
  const env = {
    request: {
      method: h.method ?? 'GET',
      url: h.url ?? '',
      body: h.body ?? '',
      headers: headerMap((h.headers ?? []).map((x) => [x.name, x.value ?? ''])),
    },
    response: { statusCode: status, body, headers: headerMap(Object.entries(headers)) },
  };
  let v: unknown;
  try {
    v = evaluate(h.successCondition, env);
  } catch (e) {
    return { phase: 'Failed', message: `unable to evaluate expression '${h.successCondition}': ${e instanceof Error ? e.message : String(e)}` };
  }
  if (typeof v !== 'boolean') return { phase: 'Failed', message: `unable to cast expression result '${String(v)}' to bool` };
  return v ? { phase: 'Succeeded', message: '' } : { phase: 'Failed', message: `successCondition '${h.successCondition}' evaluated false` };
}

/** Header values, `valueFrom.secretKeyRef` read from the workflow's namespace (the agent does the same). */
export function resolveHeaders(woc: Woc, h: HttpTemplate): { name: string; value: string }[] {
  return (h.headers ?? []).map((x) => {
    const ref = x.valueFrom?.secretKeyRef;
    if (!ref) return { name: x.name, value: x.value ?? '' };
    const secret = woc.ctx.store.get({ apiVersion: 'v1', kind: 'Secret', namespace: woc.namespace, name: ref.name });
    if (!secret) throw new Error(`secrets "${ref.name}" not found`);
    const data = (secret.data ?? {}) as Record<string, string>;
    const str = (secret.stringData ?? {}) as Record<string, string>;
    if (data[ref.key] === undefined && str[ref.key] === undefined) throw new Error(`secret ${ref.name} does not have the key ${ref.key}`);
    return { name: x.name, value: str[ref.key] ?? Buffer.from(data[ref.key] ?? '', 'base64').toString('utf8') };
  });
}

function executeHttp(woc: Woc, req: ExecuteRequest): NodeStatus {
  const h = (req.tmpl.http ?? {}) as HttpTemplate;
  const method = (h.method ?? 'GET').toUpperCase();
  const url = h.url ?? '';
  let node = woc.byName(req.nodeName);
  if (node && fulfilled(node.phase)) return node;
  if (!node) {
    node = woc.initNode(req.nodeName, 'HTTP', 'Pending', {
      templateName: req.orgTmpl.template ?? (req.orgTmpl.templateRef ? undefined : req.tmpl.name),
      templateRef: req.orgTmpl.templateRef,
      templateScope: req.templateScope,
      boundaryID: req.boundaryID,
      nodeFlag: req.nodeFlag,
    });
    if (req.tmpl.inputs && (req.tmpl.inputs.parameters?.length || req.tmpl.inputs.artifacts?.length)) node.inputs = req.tmpl.inputs;
  }
  let headers: { name: string; value: string }[];
  try {
    headers = resolveHeaders(woc, h);
  } catch (e) {
    return woc.markNode(node, 'Failed', e instanceof Error ? e.message : String(e));
  }
  const body = h.bodyFrom?.bytes !== undefined ? Buffer.from(h.bodyFrom.bytes, 'base64').toString('utf8') : h.body;
  const mock = findMock(woc.ctx.store, woc.namespace, method, url);
  if (!mock) return woc.markNode(node, 'Failed', noRouteMessage(method, url, woc.namespace));
  const started = Date.parse(node.startedAt ?? woc.iso());
  const timeout = h.timeoutSeconds !== undefined && h.timeoutSeconds !== '' ? Number(h.timeoutSeconds) * 1000 : undefined;
  const timedOut = timeout !== undefined && timeout < mock.latencyMs;
  const due = started + (timedOut ? (timeout as number) : mock.latencyMs);
  if (woc.now() < due) {
    woc.requeue(due - woc.now());
    return node.phase === 'Running' ? node : woc.markNode(node, 'Running');
  }
  if (timedOut) return woc.markNode(node, 'Failed', `${goMethod(method)} "${url}": context deadline exceeded`);
  const r = httpOutcome({ ...h, method, headers, body }, mock.status, mock.headers, mock.body);
  node.outputs = { result: mock.body };
  woc.ctx.record({
    involvedObject: { kind: 'Workflow', namespace: woc.namespace, name: woc.name },
    reason: 'HTTPResponse',
    message: `${req.nodeName}: ${method} ${url} → ${mock.status} (mock ${mock.source})`,
    why: 'The sandbox has no network: HTTP templates are answered from the mock HTTP table.',
  });
  return woc.markNode(node, r.phase, r.message);
}

registerExecutor({ type: 'http', execute: executeHttp });
