/**
 * The Monaco editor over the workspace: one model per file (undo survives tab switches and renames), edits written through to
 * the workspace, monaco-yaml's schema diagnostics plus the engine's (`validate.lint`, debounced) as markers.
 * Default export: this module is loaded lazily with Monaco itself.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import type { Engine } from '../engine';
import { query } from '../engine/feature';
import type { WorkspaceApi } from '../workspace';
import type { LocatedError } from '../worker/protocol';
import type { EditorDiagnostic } from '../worker/features/validate';
import { monaco, themeFor } from './setup';
import { toMarker, fromMarker } from './markers';
import { dedupeProblems } from './problems';
import type { Problem } from './markers';

export type { Problem } from './markers';

const LINT_DELAY_MS = 25;
/** Re-lint on world changes (a Namespace appeared, a template was applied) no more often than this. */
const WORLD_LINT_MS = 1000;
const ENGINE_OWNER = 'argo-sandbox';
const APPLY_OWNER = 'argo-sandbox-apply';

export interface MonacoPaneProps {
  engine: Engine | null;
  ws: WorkspaceApi;
  path: string;
  /** Errors of the last Apply of this file (markers until the next edit). */
  applyErrors: LocatedError[];
  onApply(): void;
  onSaved?(): void;
  /** Every marker of the open file (YAML schema + engine), whenever they change. */
  onProblems(problems: Problem[]): void;
  /** Milliseconds from an edit to the engine's markers being set (for the status bar and tests). */
  onLintTime?(ms: number): void;
  /** Changes when the world does (view pushes): the file is linted again, at most once a second. */
  worldVersion?: number;
}

export interface MonacoPaneHandle {
  reveal(line: number, column: number): void;
  format(): Promise<void>;
  focus(): void;
}

const uriOf = (path: string) => monaco.Uri.parse(`file:///${path}`);

/**
 * Workspace path → its model. A model's URI cannot change, so a renamed file keeps its model (and its undo history)
 * under the old URI; the map, not the URI, says which file a model holds.
 */
const models = new Map<string, monaco.editor.ITextModel>();
let spareUris = 0;

function modelFor(path: string, text: string): monaco.editor.ITextModel {
  const known = models.get(path);
  if (known && !known.isDisposed()) return known;
  let uri = uriOf(path);
  const taken = monaco.editor.getModel(uri);
  // A free model at this URI (not held by another file) is this file's; a renamed file may still hold it.
  if (taken && ![...models.values()].includes(taken)) {
    models.set(path, taken);
    return taken;
  }
  if (taken) uri = monaco.Uri.parse(`file:///~${++spareUris}/${path}`);
  const model = monaco.editor.createModel(text, 'yaml', uri);
  models.set(path, model);
  return model;
}

/** A file was renamed: its model now holds the new path (undo history, markers and view state come along). */
function moveModel(from: string, to: string, current: monaco.editor.ITextModel | null | undefined): void {
  const model = models.get(from);
  if (!model) return;
  const stale = models.get(to);
  if (stale && stale !== current && !stale.isDisposed()) stale.dispose();
  models.delete(from);
  models.set(to, model);
}

const MonacoPane = forwardRef<MonacoPaneHandle, MonacoPaneProps>(function MonacoPane(props, ref) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const latest = useRef(props);
  latest.current = props;
  /** Writes coming from the workspace into a model are not echoed back. */
  const syncing = useRef(false);
  const viewStates = useRef(new Map<string, monaco.editor.ICodeEditorViewState | null>());
  const lintTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastLint = useRef(0);

  const format = async () => {
    await editor.current?.getAction('editor.action.formatDocument')?.run();
  };

  useImperativeHandle(ref, () => ({
    reveal(line, column) {
      const e = editor.current;
      if (!e) return;
      e.revealLineInCenter(line);
      e.setPosition({ lineNumber: line, column });
      e.focus();
    },
    format,
    focus: () => editor.current?.focus(),
  }));

  /** Engine diagnostics for the model as it is now; dropped if it changed meanwhile. */
  const lint = (model: monaco.editor.ITextModel, path: string, editedAt?: number) => {
    const engine = latest.current.engine;
    if (!engine || model.isDisposed()) return;
    const version = model.getVersionId();
    lastLint.current = performance.now();
    query(engine, 'validate', 'lint', path, model.getValue())
      .then((diags: EditorDiagnostic[]) => {
        if (model.isDisposed() || model.getVersionId() !== version) return;
        monaco.editor.setModelMarkers(model, ENGINE_OWNER, diags.map((d) => toMarker(d)));
        if (editedAt !== undefined) latest.current.onLintTime?.(performance.now() - editedAt);
      })
      .catch((err: unknown) => console.warn('validate.lint failed', err));
  };

  const scheduleLint = (model: monaco.editor.ITextModel, path: string, delay = LINT_DELAY_MS) => {
    const editedAt = performance.now();
    clearTimeout(lintTimer.current);
    lintTimer.current = setTimeout(() => lint(model, path, editedAt), delay);
  };

  // The editor instance, once.
  useEffect(() => {
    if (!host.current) return;
    const dark = window.matchMedia('(prefers-color-scheme: dark)');
    const e = monaco.editor.create(host.current, {
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      insertSpaces: true,
      scrollBeyondLastLine: false,
      renderWhitespace: 'boundary',
      fixedOverflowWidgets: true,
      theme: themeFor(dark.matches),
      ariaLabel: 'YAML editor',
      quickSuggestions: { other: true, comments: false, strings: true },
    });
    editor.current = e;
    const onScheme = () => monaco.editor.setTheme(themeFor(dark.matches));
    dark.addEventListener('change', onScheme);
    e.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => {
      void format().then(() => {
        const model = e.getModel();
        if (model) latest.current.ws.write(latest.current.path, model.getValue());
        latest.current.onSaved?.();
      });
    });
    e.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => latest.current.onApply());
    const edits = e.onDidChangeModelContent(() => {
      const model = e.getModel();
      if (!model || syncing.current) return;
      const { ws, path } = latest.current;
      ws.write(path, model.getValue());
      monaco.editor.setModelMarkers(model, APPLY_OWNER, []);
      scheduleLint(model, path);
    });
    const markers = monaco.editor.onDidChangeMarkers((uris) => {
      const model = e.getModel();
      if (!model || !uris.some((u) => u.toString() === model.uri.toString())) return;
      latest.current.onProblems(dedupeProblems(monaco.editor.getModelMarkers({ resource: model.uri }).map(fromMarker)));
    });
    return () => {
      clearTimeout(lintTimer.current);
      dark.removeEventListener('change', onScheme);
      edits.dispose();
      markers.dispose();
      e.dispose();
      editor.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The open file: its model (created from the workspace on first open), view state kept per file.
  useEffect(() => {
    const e = editor.current;
    if (!e) return;
    const text = props.ws.state.files[props.path] ?? '';
    const prev = e.getModel();
    const model = modelFor(props.path, text);
    if (prev && prev !== model) viewStates.current.set(prev.uri.toString(), e.saveViewState());
    if (e.getModel() !== model) {
      e.setModel(model);
      const vs = viewStates.current.get(model.uri.toString());
      if (vs) e.restoreViewState(vs);
    }
    props.onProblems(dedupeProblems(monaco.editor.getModelMarkers({ resource: model.uri }).map(fromMarker)));
    scheduleLint(model, props.path, 0);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.path, props.engine]);

  // Workspace → models: a file changed elsewhere (HEAD moved, import) updates its model, undoably; a renamed file
  // keeps its model.
  useEffect(() => {
    const sync = () => {
      const files = props.ws.state.files;
      for (const [path, model] of [...models]) {
        const text = files[path];
        if (model.isDisposed()) {
          models.delete(path);
          continue;
        }
        if (text === undefined) {
          if (model !== editor.current?.getModel()) {
            model.dispose();
            models.delete(path);
          }
          continue;
        }
        if (text === model.getValue()) continue;
        syncing.current = true;
        try {
          model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
        } finally {
          syncing.current = false;
        }
        if (model === editor.current?.getModel()) scheduleLint(model, path);
      }
    };
    sync();
    const offRename = props.ws.subscribeRenames?.((from, to) => moveModel(from, to, editor.current?.getModel()));
    const off = props.ws.subscribe(sync);
    return () => {
      off();
      offRename?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.ws]);

  // The world moved on: what the API server and argo lint say may have changed too.
  useEffect(() => {
    const model = editor.current?.getModel();
    if (!model || props.worldVersion === undefined) return;
    const since = performance.now() - lastLint.current;
    if (since < WORLD_LINT_MS) return;
    lint(model, props.path);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.worldVersion]);

  // Apply errors as markers on their lines.
  useEffect(() => {
    const model = models.get(props.path);
    if (!model || model.isDisposed()) return;
    const lines = model.getLineCount();
    monaco.editor.setModelMarkers(
      model,
      APPLY_OWNER,
      props.applyErrors.map((err) => {
        const line = Math.min(Math.max(1, err.line ?? 1), lines);
        return toMarker({ line, column: err.column ?? 1, endLine: line, endColumn: model.getLineMaxColumn(line), severity: 'error', message: err.message, source: 'kube-apiserver' });
      }),
    );
  }, [props.applyErrors, props.path]);

  return <div ref={host} className="monaco-host" data-testid="monaco-host" />;
});

export default MonacoPane;
