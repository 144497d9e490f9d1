/**
 * Review APIs that are computed, not stored (authorization.k8s.io, authentication.k8s.io): the sandbox
 * has no authentication, so every client is the cluster admin and every request is allowed, which is
 * what `kubectl auth can-i` / `kubectl auth whoami` report.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isJsonObject } from '../cluster/types.js';
import { ApiError } from '../core/errors.js';
import { parseBody, readBody, sendJson } from './http.js';

export interface VirtualResource {
  group: string;
  version: string;
  plural: string;
  kind: string;
}

export const REVIEW_RESOURCES: readonly VirtualResource[] = [
  { group: 'authorization.k8s.io', version: 'v1', plural: 'selfsubjectaccessreviews', kind: 'SelfSubjectAccessReview' },
  { group: 'authorization.k8s.io', version: 'v1', plural: 'selfsubjectrulesreviews', kind: 'SelfSubjectRulesReview' },
  { group: 'authorization.k8s.io', version: 'v1', plural: 'subjectaccessreviews', kind: 'SubjectAccessReview' },
  { group: 'authentication.k8s.io', version: 'v1', plural: 'selfsubjectreviews', kind: 'SelfSubjectReview' },
];

const ADMIN = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
const REASON = 'argo-sandbox has no authentication or authorization: every request is allowed';

/** Handle POST …/<review plural>; returns false when the path is not a review resource. */
export async function serveReview(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  const r = REVIEW_RESOURCES.find((v) => path === `/apis/${v.group}/${v.version}/${v.plural}`);
  if (!r) return false;
  if (req.method !== 'POST') throw new ApiError('MethodNotAllowed', `the server does not allow this method on the requested resource (${req.method ?? ''})`);
  const raw = await readBody(req);
  let review: Record<string, unknown> = {};
  try {
    const body = parseBody(raw, String(req.headers['content-type'] ?? 'application/json'));
    if (isJsonObject(body)) review = body;
  } catch {
    // kubectl posts these as protobuf; the answer does not depend on the question, so echo no spec.
  }
  let status: Record<string, unknown>;
  if (r.kind === 'SelfSubjectReview') status = { userInfo: ADMIN };
  else if (r.kind === 'SelfSubjectRulesReview') {
    status = {
      resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
      incomplete: false,
    };
  } else status = { allowed: true, reason: REASON };
  sendJson(res, 201, { ...review, kind: r.kind, apiVersion: `${r.group}/${r.version}`, metadata: { creationTimestamp: null }, status });
  return true;
}
