/**
 * Engine diagnostics for the editor: what `kubectl apply --dry-run=server`, `argo lint` and Argo CD's spec checks
 * would say about a file, each problem at its line. Read only: the API server part is a dry run against the live
 * store, and the random numbers a dry-run create draws (uid, generateName) are given back afterwards, so linting
 * never changes what happens next in the world.
 */
import { parseManifests, diagnose, locateIn } from '../../../simulator/manifest/index.js';
import type { ParsedManifest } from '../../../simulator/manifest/index.js';
import { lintManifests } from '../../../simulator/workflows/lint/index.js';
import { validateApplication, appProjectName } from '../../../simulator/argocd/project/index.js';
import { listClusters } from '../../../simulator/argocd/settings/clusters.js';
import { ARGOCD_NAMESPACE } from '../../../simulator/argocd/index.js';
import type { LocatedError } from '../../../simulator/core/errors.js';
import type { KubeObject } from '../../../simulator/cluster/types.js';
import type { Sandbox } from '../../../simulator/sandbox.js';
import { defineFeature } from './types.js';
import type { FeatureHost } from './types.js';

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

export interface EditorDiagnostic {
  /** 1-based, like the engine's located errors and Monaco's markers. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity: DiagnosticSeverity;
  message: string;
  /** Who says so: `yaml` (parser), `kube-apiserver` (dry run), `argo lint`, `argocd` (Application spec checks). */
  source: 'yaml' | 'kube-apiserver' | 'argo lint' | 'argocd';
  /** Field path when known, e.g. `spec.template.spec.containers[0].image`. */
  path?: string;
}

/** Up to the end of the line the problem starts on, so the squiggle covers the field, not one character. */
function toDiagnostic(lines: string[], e: LocatedError, severity: DiagnosticSeverity, source: EditorDiagnostic['source']): EditorDiagnostic {
  const line = Math.max(1, Math.min(e.line ?? 1, lines.length || 1));
  const text = lines[line - 1] ?? '';
  const column = Math.max(1, e.column ?? 1);
  const end = text.trimEnd().length + 1;
  const d: EditorDiagnostic = { line, column, endLine: line, endColumn: end > column ? end : column + 1, severity, message: e.message, source };
  if (e.path) d.path = e.path;
  return d;
}

/**
 * argo lint names the step or task (`templates.main.steps[0].hello template name 'x' undefined`); the marker
 * belongs on the step's `template:` / `templateRef:` line, which is what the learner has to change.
 */
function onTemplateField(manifests: ParsedManifest[], e: LocatedError): LocatedError {
  if (!e.path || !/template(Ref)? .*(undefined|not found)|template name/.test(e.message)) return e;
  const m = manifests.filter((x) => x.line <= (e.line ?? 0)).pop();
  if (!m) return e;
  for (const field of ['template', 'templateRef']) {
    const at = locateIn(m, `${e.path}.${field}`);
    if (at.exact) return { ...e, line: at.line, column: at.column, path: at.path };
  }
  return e;
}

/** The field an Argo CD condition is about, so the marker sits on it. */
function fieldOf(app: KubeObject, message: string): string {
  const spec = (app.spec ?? {}) as Record<string, unknown>;
  if (/project/.test(message) && !/destination|repo /.test(message)) return 'spec.project';
  if (/destination|cluster/.test(message)) return 'spec.destination';
  if (/source|repo/.test(message)) return Array.isArray(spec.sources) ? 'spec.sources' : 'spec.source';
  return 'spec';
}

/** Argo CD's InvalidSpecError conditions (project, sources, destination), at the Application's `spec`. */
function applicationDiagnostics(world: Sandbox, manifests: ParsedManifest[]): LocatedError[] {
  const apps = manifests.filter((m) => m.object.apiVersion === 'argoproj.io/v1alpha1' && m.object.kind === 'Application');
  if (apps.length === 0) return [];
  const store = world.store;
  let clusters: ReturnType<typeof listClusters>;
  try {
    clusters = listClusters(store);
  } catch {
    return []; // no Argo CD in this world: nothing to check against
  }
  const out: LocatedError[] = [];
  for (const m of apps) {
    const projectName = appProjectName(m.object);
    const inText = manifests.find((x) => x.object.kind === 'AppProject' && x.object.metadata.name === projectName)?.object;
    const project = inText ?? (store.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', namespace: ARGOCD_NAMESPACE, name: projectName }) as KubeObject | undefined);
    for (const c of validateApplication(m.object, project, clusters)) {
      const at = locateIn(m, fieldOf(m.object, c.message));
      out.push({ file: m.file, line: at.line, column: at.column, path: at.path, message: `${c.type}: ${c.message}` });
    }
  }
  return out;
}

/** All diagnostics of `text` (as file `path`) against `world`, sorted by position, duplicates dropped. */
export function lintText(world: Sandbox, path: string, text: string): EditorDiagnostic[] {
  const lines = text.split('\n');
  const parsed = parseManifests(text, path);
  const out: EditorDiagnostic[] = parsed.errors.map((e) => toDiagnostic(lines, e, 'error', 'yaml'));
  const rng = world.rng.getState();
  try {
    // diagnose() lists the parse errors first, in the same order: the rest is the API server's verdict.
    for (const e of diagnose(text, path, world.store).slice(parsed.errors.length)) out.push(toDiagnostic(lines, e, 'error', 'kube-apiserver'));
    for (const e of lintManifests(parsed.manifests, world.store)) out.push(toDiagnostic(lines, onTemplateField(parsed.manifests, e), 'error', 'argo lint'));
    for (const e of applicationDiagnostics(world, parsed.manifests)) out.push(toDiagnostic(lines, e, 'warning', 'argocd'));
  } finally {
    world.rng.setState(rng);
  }
  const seen = new Set<string>();
  return out
    .filter((d) => {
      const k = `${d.line}:${d.column}:${d.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

export const validateFeature = defineFeature({
  queries: {
    /** Editor markers for one file: parse errors, the API server's dry-run refusals, `argo lint`, Argo CD spec checks. */
    lint(host: FeatureHost, path: string, text: string): EditorDiagnostic[] {
      return lintText(host.world, path, text);
    },
  },
});
