/** Engine diagnostics ⇄ Monaco markers, and the plain "problem" rows the editor lists under the text. */
import { monaco } from './setup';
import type { EditorDiagnostic } from '../worker/features/validate';

export interface Problem {
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** `yaml` for monaco-yaml's schema checks, else the engine source (`kube-apiserver`, `argo lint`, `argocd`). */
  source: string;
}

const SEVERITY = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info } as const;

export function toMarker(d: EditorDiagnostic): monaco.editor.IMarkerData {
  return {
    severity: SEVERITY[d.severity],
    message: d.message,
    source: d.source,
    startLineNumber: d.line,
    startColumn: d.column,
    endLineNumber: d.endLine ?? d.line,
    endColumn: d.endColumn ?? d.column + 1,
  };
}

export function fromMarker(m: monaco.editor.IMarker): Problem {
  const severity = m.severity >= monaco.MarkerSeverity.Error ? 'error' : m.severity >= monaco.MarkerSeverity.Warning ? 'warning' : 'info';
  return { line: m.startLineNumber, column: m.startColumn, severity, message: m.message, source: m.source ?? (m.owner === 'yaml' ? 'yaml schema' : m.owner) };
}
