/** Errors that say where (file, line, column, field path) and what is expected. */
export interface SourceLocation {
  file?: string;
  line?: number;
  column?: number;
  /** Field path like `spec.template.spec.containers[0].image`. */
  path?: string;
}

export interface LocatedError extends SourceLocation {
  message: string;
}

export function formatLocated(e: LocatedError): string {
  const where = [e.file, e.line !== undefined ? String(e.line) : undefined, e.column !== undefined ? String(e.column) : undefined]
    .filter((x) => x !== undefined)
    .join(':');
  const path = e.path ? ` (${e.path})` : '';
  return where ? `${where}: ${e.message}${path}` : `${e.message}${path}`;
}

/** Kubernetes `metav1.Status` reasons the sim produces. */
export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'Forbidden'
  | 'RequestEntityTooLarge'
  | 'Gone'
  | 'Expired'
  | 'InternalError';

export interface StatusCause {
  reason?: string;
  message: string;
  field?: string;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: StatusReason;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] };
  code: number;
}

const CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  BadRequest: 400,
  MethodNotAllowed: 405,
  Forbidden: 403,
  RequestEntityTooLarge: 413,
  Gone: 410,
  Expired: 410,
  InternalError: 500,
};

/** An API error carrying a Kubernetes Status object, plus a source location when known. */
export class ApiError extends Error {
  readonly status: Status;
  location?: SourceLocation;

  constructor(reason: StatusReason, message: string, details?: Status['details']) {
    super(message);
    this.name = 'ApiError';
    this.status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code: CODES[reason] };
    if (details) this.status.details = details;
  }

  get reason(): StatusReason {
    return this.status.reason;
  }

  get code(): number {
    return this.status.code;
  }

  toLocated(): LocatedError {
    const field = this.status.details?.causes?.[0]?.field;
    return { ...this.location, path: this.location?.path ?? field, message: this.message };
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
