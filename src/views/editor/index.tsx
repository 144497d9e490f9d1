/**
 * The Editor tab: workspace files, tabs, Monaco with schema-driven completion/hover/diagnostics and the engine's
 * own validation as markers; Apply for cluster/ scratch files, Commit… (the Git tab) for repo working copies.
 * Monaco and the schemas load lazily with the editor pane; the tree and tabs render at once.
 */
import { lazy, Suspense, useRef, useState } from 'react';
import type { ViewProps } from '../index';
import { useNav } from '../nav';
import { useWorkspace, CLUSTER_DIR, fileStatus, splitRepoPath } from '../../workspace';
import type { LocatedError } from '../../worker/protocol';
import { formatError } from '../../engine';
import type { MonacoPaneHandle, Problem } from '../../editor/MonacoPane';
import { FileTree } from './FileTree';
import './styles.css';

const MonacoPane = lazy(() => import('../../editor/MonacoPane'));

interface ApplyOutcome {
  path: string;
  lines: string[];
  errors: LocatedError[];
}

const NO_ERRORS: LocatedError[] = [];

export default function EditorPage({ engine, view }: ViewProps) {
  const ws = useWorkspace();
  const nav = useNav();
  const pane = useRef<MonacoPaneHandle>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [outcome, setOutcome] = useState<ApplyOutcome | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [lintMs, setLintMs] = useState<number | null>(null);
  const { open, active } = ws.state;
  const isScratch = active?.startsWith(CLUSTER_DIR) ?? false;
  const repo = active ? splitRepoPath(active)?.repo : undefined;

  const apply = async () => {
    if (!engine || !active || !active.startsWith(CLUSTER_DIR) || busy) return;
    const text = ws.state.files[active] ?? '';
    setBusy(true);
    try {
      const r = await engine.apply(text, active);
      setOutcome({ path: active, lines: r.applied, errors: r.errors });
    } catch (err) {
      setOutcome({ path: active, lines: [], errors: [{ message: err instanceof Error ? err.message : String(err) }] });
    } finally {
      setBusy(false);
    }
  };

  const counts = { error: problems.filter((p) => p.severity === 'error').length, warning: problems.filter((p) => p.severity === 'warning').length };

  return (
    <main className="editor-layout">
      <FileTree ws={ws} onError={setNotice} />
      <section className="editor-main panel" aria-label="Editor">
        <div className="editor-tabs" role="tablist" aria-label="Open files">
          {open.map((p) => {
            const st = fileStatus(ws.state, p);
            return (
              <div key={p} className={`editor-tab ${p === active ? 'on' : ''}`}>
                <button type="button" role="tab" aria-selected={p === active} title={p} onClick={() => ws.openFile(p)}>
                  {p.split('/').pop()}
                  {st !== 'unmodified' && <span className={`mark mark-${st}`} aria-label={st}>●</span>}
                </button>
                <button type="button" className="icon-btn" aria-label={`Close ${p}`} onClick={() => ws.closeFile(p)}>
                  ×
                </button>
              </div>
            );
          })}
        </div>
        <div className="editor-toolbar" role="toolbar" aria-label="Editor actions">
          <span className="editor-path" title={active}>
            {active ?? 'No file open'}
          </span>
          <button type="button" className="btn" disabled={!active} onClick={() => void pane.current?.format()} title="Format (part of Ctrl+S)">
            Format
          </button>
          {isScratch && (
            <button type="button" className="btn primary" disabled={!engine || busy} onClick={() => void apply()} aria-label="Apply to cluster" title="kubectl apply -f (Ctrl+Enter)">
              Apply to cluster
            </button>
          )}
          {repo && (
            <button type="button" className="btn primary" onClick={() => nav.go('git', { kind: 'Repository', name: repo })} title="Stage and commit in the Git tab">
              Commit…
            </button>
          )}
        </div>
        <div className="editor-body">
          {active ? (
            <Suspense fallback={<div className="loading" role="status">Loading editor…</div>}>
              <MonacoPane
                ref={pane}
                engine={engine}
                ws={ws}
                path={active}
                applyErrors={outcome?.path === active ? outcome.errors : NO_ERRORS}
                onApply={() => void apply()}
                onSaved={() => setNotice(`Saved ${active}`)}
                onProblems={setProblems}
                onLintTime={setLintMs}
                worldVersion={view?.version}
              />
            </Suspense>
          ) : (
            <div className="editor-empty">
              <p>No file open. Pick one in the tree, or create a manifest under cluster/.</p>
            </div>
          )}
        </div>
        <div className="editor-bottom">
          <section className="problems" aria-label="Problems">
            <div className="problems-head">
              <span className="panel-title">Problems</span>
              <span className="muted" data-testid="problem-counts">
                {counts.error} errors, {counts.warning} warnings
              </span>
              {lintMs !== null && <span className="muted" title="Edit → engine markers">lint {Math.round(lintMs)} ms</span>}
              {notice && (
                <span className="notice" role="status">
                  {notice}
                </span>
              )}
            </div>
            <ul className="problem-list" aria-label="Problems in this file">
              {problems.map((p, i) => (
                <li key={i} className={`problem ${p.severity}`}>
                  <button type="button" onClick={() => pane.current?.reveal(p.line, p.column)}>
                    <span className="problem-where">
                      {p.line}:{p.column}
                    </span>{' '}
                    <span className="problem-source">[{p.source}]</span> {p.message}
                  </button>
                </li>
              ))}
            </ul>
          </section>
          {outcome && outcome.path === active && (
            <section className="apply-output" aria-label="Apply result" aria-live="polite">
              {outcome.errors.length > 0 && (
                <ul className="errors" role="alert" aria-label="Apply errors">
                  {outcome.errors.map((e, i) => (
                    <li key={i}>{formatError(e)}</li>
                  ))}
                </ul>
              )}
              {outcome.lines.length > 0 && (
                <ul className="applied" aria-label="Applied">
                  {outcome.lines.map((l, i) => (
                    <li key={i}>{l}</li>
                  ))}
                </ul>
              )}
            </section>
          )}
        </div>
      </section>
    </main>
  );
}
