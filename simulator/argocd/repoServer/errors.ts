/** Repo-server failures, worded like the gRPC errors Argo CD shows in a ComparisonError condition. */

/** gRPC status codes the repo server answers with (google.golang.org/grpc/codes names). */
export type RpcCode = 'Unknown' | 'InvalidArgument' | 'FailedPrecondition' | 'NotFound';

export interface RepoServerErrorLocation {
  file?: string;
  line?: number;
  column?: number;
}

export class RepoServerError extends Error {
  /** The error text without the `rpc error: code = … desc = ` envelope. */
  readonly desc: string;

  /** Set by generateManifestsForSources: which of the Application's sources failed (1-based). */
  source?: { index: number; count: number };

  constructor(
    readonly code: RpcCode,
    desc: string,
    readonly location: RepoServerErrorLocation = {},
  ) {
    super(`rpc error: code = ${code} desc = ${desc}`);
    this.name = 'RepoServerError';
    this.desc = desc;
  }
}

/** A kustomize failure, reported like Argo CD reports a failed `kustomize build`. */
export class KustomizeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KustomizeError';
  }
}
