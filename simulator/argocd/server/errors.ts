/** Argo CD API errors: a gRPC status code and message, printed as the CLI prints them. */
export type GrpcCode = 'Unknown' | 'InvalidArgument' | 'NotFound' | 'AlreadyExists' | 'PermissionDenied' | 'FailedPrecondition' | 'Unauthenticated' | 'Internal' | 'OutOfRange';

export class ArgoApiError extends Error {
  constructor(
    readonly code: GrpcCode,
    message: string,
    /** For the learner: the detailed reason behind a deliberately vague answer (e.g. the RBAC check that failed). */
    readonly why?: string,
  ) {
    super(message);
    this.name = 'ArgoApiError';
  }

  /** `rpc error: code = PermissionDenied desc = permission denied` */
  override toString(): string {
    return `rpc error: code = ${this.code} desc = ${this.message}`;
  }
}

/** argocommon.PermissionDeniedAPIError: what the API answers when it must not say whether an app exists. */
export function permissionDenied(why?: string): ArgoApiError {
  return new ArgoApiError('PermissionDenied', 'permission denied', why);
}

export function appNotFound(name: string): ArgoApiError {
  return new ArgoApiError('NotFound', `applications.argoproj.io "${name}" not found`);
}
