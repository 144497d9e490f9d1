/** The parts of Argo's resolved template (env ARGO_TEMPLATE) that argoexec reads. */

export interface ArgoArtifact {
  name: string;
  path?: string;
  optional?: boolean;
  archive?: { none?: Record<string, never>; tar?: { compressionLevel?: number }; zip?: Record<string, never> };
  s3?: { bucket?: string; key?: string };
  raw?: { data?: string };
  subPath?: string;
  /** Other locations (http, git, gcs…) are not simulated. */
  [location: string]: unknown;
}

export interface ArgoParameter {
  name: string;
  value?: string;
  default?: string;
  valueFrom?: { path?: string; default?: string; [k: string]: unknown };
  /** Not an Argo field for inputs; written to this path when present (sandbox convenience). */
  path?: string;
}

export interface ArgoTemplate {
  name?: string;
  inputs?: { parameters?: ArgoParameter[]; artifacts?: ArgoArtifact[] };
  outputs?: { parameters?: ArgoParameter[]; artifacts?: ArgoArtifact[]; result?: string; exitCode?: string };
  script?: { source?: string };
  container?: unknown;
  archiveLocation?: { archiveLogs?: boolean; s3?: { bucket?: string; key?: string } };
}

/** Argo's paths inside the pod. */
export const SCRIPT_PATH = '/argo/staging/script';

export interface ParsedTemplate {
  readonly template: ArgoTemplate;
  readonly error?: string;
}

/*
 * Parsed templates by their text: a pod's init, main and wait each read the same ARGO_TEMPLATE, and the
 * pods of one workflow template mostly carry the same text. Results are deep-frozen (readers only read;
 * parts of them end up in stored objects, which are frozen anyway), so sharing one is safe.
 */
const parsed = new Map<string, ParsedTemplate>();
const PARSED_MAX = 256;

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
    Object.freeze(v);
  }
  return v;
}

const EMPTY: ParsedTemplate = deepFreeze({ template: {} });

export function parseTemplate(raw: string | undefined): ParsedTemplate {
  if (raw === undefined || raw === '') return EMPTY;
  let r = parsed.get(raw);
  if (r === undefined) {
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(raw, (r = deepFreeze(parseTemplateText(raw))));
  }
  return r;
}

function parseTemplateText(raw: string): ParsedTemplate {
  try {
    const t = JSON.parse(raw) as unknown;
    if (t === null || typeof t !== 'object' || Array.isArray(t)) return { template: {}, error: 'ARGO_TEMPLATE is not a JSON object' };
    return { template: t as ArgoTemplate };
  } catch (e) {
    return { template: {}, error: `failed to unmarshal ARGO_TEMPLATE: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** logrus text format as argoexec prints it. */
export function logLine(iso: string, level: 'info' | 'warning' | 'error', msg: string, fields = ''): string {
  return `time="${iso}" level=${level} msg="${msg.replace(/"/g, '\\"')}"${fields ? ' ' + fields : ''}`;
}

/** RFC 3339 with milliseconds, like argoexec's log timestamps. */
export function isoMs(ms: number): string {
  // A plan's lines mostly share a few instants: format each once.
  if (ms !== lastIsoMs) {
    lastIsoMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

let lastIsoMs = NaN;
let lastIso = '';

export const EXECUTOR_VERSION = 'v3.5.8';
