/**
 * Data shapes of a lab (labs/<id>/lab.yaml) and of a scenario's world and script, as the schema admits
 * them. The loader validates first, so code past it can trust these shapes.
 */
import type { JsonValue } from '../cluster/types.js';

/** A git repository on Argo CD's git host: files from a folder (`dir`) or inline (`files`). */
export interface RepoSpec {
  url: string;
  dir?: string;
  files?: Record<string, string>;
  branch?: string;
  /** Makes the repository private: Argo CD then needs a repository Secret with these credentials. */
  credentials?: { username: string; password: string };
}

/** A manifest to apply: a path relative to the lab (or scenario) folder, or inline YAML. */
export type ManifestRef = string | { yaml: string };

/** The initial world: a lab's `scenario` block, a scenario file's `world`. */
export interface WorldSpec {
  seed?: number;
  /** Virtual start time, RFC 3339 (default 2025-01-01T00:00:00Z). */
  startTime?: string;
  repos?: RepoSpec[];
  apply?: ManifestRef[];
}

export interface ObjectRefSpec {
  kind: string;
  apiVersion?: string;
  namespace?: string;
  name: string;
}

export type ArgoCDVerb = 'sync' | 'refresh' | 'hardRefresh' | 'rollback' | 'delete' | 'terminate';
export type WorkflowVerb = 'resume' | 'suspend' | 'stop' | 'terminate' | 'retry' | 'resubmit';

export type FileChange = string | { from: string } | null;

export type Action =
  | { apply: ManifestRef }
  | { delete: ObjectRefSpec }
  | { commit: { repo: string; message: string; files: Record<string, FileChange>; branch?: string } }
  | {
      argocd: {
        action: ArgoCDVerb;
        app: string;
        as?: string;
        prune?: boolean;
        dryRun?: boolean;
        revision?: string;
        resources?: { group?: string; kind: string; name: string; namespace?: string }[];
        id?: number;
        cascade?: boolean;
      };
    }
  | { workflow: { action: WorkflowVerb; name: string; namespace?: string; nodeFieldSelector?: string } }
  | { advance: string }
  | { settle: { maxVirtual?: string } };

/** An action as written in a list: one action key, plus `expectError` when the action is meant to fail. */
export type ActionItem = Action & { expectError?: string };

export const ACTION_KINDS = ['apply', 'delete', 'commit', 'argocd', 'workflow', 'advance', 'settle'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** `fields` expectations: a value (equal) or one matcher. */
export type FieldExpectation = JsonValue | { exists: boolean } | { matches: string } | { in: JsonValue[] } | { gte: number } | { lte: number };

export interface ObjectCheck {
  kind: string;
  apiVersion?: string;
  namespace?: string;
  name: string;
  fields?: Record<string, FieldExpectation>;
  expr?: string;
  absent?: boolean;
}

export interface ApplicationCheck {
  name: string;
  namespace?: string;
  sync?: string;
  health?: string;
  operationPhase?: string;
  revision?: string;
}

export interface WorkflowCheck {
  name?: string;
  namePrefix?: string;
  namespace?: string;
  phase?: string;
  node?: { name: string; phase?: string; outputs?: Record<string, JsonValue>; message?: string };
}

export interface EventMatch {
  reason: string;
  kind?: string;
  name?: string;
  messageMatches?: string;
}

export interface EventCheck extends EventMatch {
  before?: EventMatch;
}

export interface SyncOrderEntry {
  hookType?: string;
  kind?: string;
  name?: string;
  syncWave?: number;
  syncPhase?: string;
}

export interface SyncCheck {
  app: string;
  namespace?: string;
  order: SyncOrderEntry[];
}

export interface GitCheck {
  repo: string;
  branch?: string;
  commit: { changedPath?: string; contains?: string; messageMatches?: string };
}

export interface RbacCheck {
  as: string;
  resource: string;
  action: string;
  object: string;
  allowed: boolean;
}

export interface CountCheck {
  kind: string;
  apiVersion?: string;
  namespace?: string;
  selector?: string;
  min?: number;
  max?: number;
  equals?: number;
}

export type CheckBody =
  | { object: ObjectCheck }
  | { application: ApplicationCheck }
  | { workflow: WorkflowCheck }
  | { event: EventCheck }
  | { sync: SyncCheck }
  | { git: GitCheck }
  | { rbac: RbacCheck }
  | { count: CountCheck };

export type Check = { name: string } & CheckBody;

export const CHECK_KINDS = ['object', 'application', 'workflow', 'event', 'sync', 'git', 'rbac', 'count'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export interface CheckResult {
  name: string;
  ok: boolean;
  /** Which condition failed and why, with the actual value; for a green check, what holds. */
  reason: string;
}

export interface LabStep {
  id: string;
  title: string;
  /** Path of the step's markdown, relative to the lab folder. */
  body: string;
  checks: Check[];
  hints?: string[];
  solution?: ActionItem[];
  /** This step starts over: earlier steps' checks need not hold once it is done. */
  resets?: boolean;
}

export interface Lab {
  id: string;
  title: string;
  chapter: number;
  objectives: string[];
  estimatedMinutes: number;
  description?: string;
  scenario: WorldSpec;
  steps: LabStep[];
}
