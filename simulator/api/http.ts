/** HTTP plumbing: bounded body reads, JSON/YAML bodies, Status error responses. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { load as loadYaml } from 'js-yaml';
import { ApiError } from '../core/errors.js';
import type { Status } from '../core/errors.js';
import { decodeKubeProtobuf } from './protobuf/index.js';

/** The API server's request body limit (3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      reject(tooLarge(limit));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > limit) {
        failed = true;
        reject(tooLarge(limit));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (!failed) reject(e);
    });
  });
}

function tooLarge(limit: number): ApiError {
  return new ApiError('RequestEntityTooLarge', `Request entity too large: limit is ${limit}`);
}

/** JSON, YAML (server-side apply bodies, hand-written requests) or Kubernetes protobuf (kubectl create). */
export function parseBody(body: Buffer, contentType: string): unknown {
  if (/vnd\.kubernetes\.protobuf/.test(contentType)) return decodeKubeProtobuf(body);
  if (/cbor/.test(contentType)) {
    throw new HttpStatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`);
  }
  const text = body.toString('utf8');
  if (!text.trim()) throw new ApiError('BadRequest', 'the body of the request was empty');
  const isYaml = /yaml/.test(contentType);
  try {
    return isYaml ? loadYaml(text, { maxAliases: 100 }) : JSON.parse(text);
  } catch (e) {
    if (!isYaml) {
      try {
        return loadYaml(text, { maxAliases: 100 });
      } catch {
        /* report the JSON error below */
      }
    }
    const msg = e instanceof Error ? e.message : String(e);
    throw new ApiError('BadRequest', `error decoding ${isYaml ? 'YAML' : 'JSON'}: ${msg}`);
  }
}

export function sendJson(res: ServerResponse, code: number, body: unknown, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private' });
  res.end(text);
}

/** A Status the engine's ApiError has no reason for (415 UnsupportedMediaType). */
export class HttpStatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export function statusOf(err: unknown): Status | (Omit<Status, 'reason'> & { reason: string }) {
  if (err instanceof ApiError) return err.status;
  if (err instanceof HttpStatusError) {
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: err.message, reason: err.reason, code: err.code };
  }
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError('InternalError', `Internal error occurred: ${message}`).status;
}

export function sendError(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const status = statusOf(err);
  sendJson(res, status.code, status);
}
