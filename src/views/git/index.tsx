/**
 * The Git tab: pick a repository and a branch, commit the editor's working changes, read the log and each commit's
 * diff, revert. A commit is what moves Argo CD: the Application goes OutOfSync at its next refresh, then syncs.
 */
import { useState } from 'react';
import type { Engine } from '../../engine';
import { action, query, useQuery } from '../../engine/feature';
import { persistence, usePersistence } from '../../persistence';
import type { RepoSummary } from '../../worker/features/git';
import type { ViewProps } from '../index';
import { useNav } from '../nav';
import type { WorkspaceApi } from '../../workspace';
import { Changes } from './Changes';
import type { Author } from './Changes';
import { History } from './History';
import './styles.css';

const AUTHOR: Author = { name: 'learner', email: 'learner@sandbox.local' };

function BranchBar({ engine, repo, branch, onCheckout }: { engine: Engine | null; repo: RepoSummary; branch: string; onCheckout(b: string): void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const create = async () => {
    if (!engine) return;
    setError(undefined);
    try {
      await action(engine, 'git', 'createBranch', repo.url, name.trim(), branch);
      onCheckout(name.trim());
      setName('');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div className="branch-bar">
      <label className="field-inline">
        Branch
        <select value={branch} onChange={(e) => onCheckout(e.target.value)} aria-label="Checked-out branch">
          {repo.branches.map((b) => (
            <option key={b} value={b}>
              {b}
              {b === repo.defaultBranch ? ' (HEAD)' : ''}
            </option>
          ))}
        </select>
      </label>
      {branch !== repo.defaultBranch && (
        <button
          type="button"
          className="btn"
          disabled={!engine}
          title={`git branch -D ${branch} (back to ${repo.defaultBranch})`}
          onClick={() => {
            if (!engine || !confirm(`Delete branch ${branch}?`)) return;
            setError(undefined);
            action(engine, 'git', 'deleteBranch', repo.url, branch)
              .then(() => onCheckout(repo.defaultBranch))
              .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
          }}
        >
          Delete branch
        </button>
      )}
      <form
        className="new-branch"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="new-branch" aria-label="New branch name" />
        <button type="submit" className="btn" disabled={!engine || !name.trim()}>
          Create branch from {branch}
        </button>
      </form>
      {error && (
        <span className="error-text" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

export default function GitPage({ engine, view }: ViewProps) {
  const repos = useQuery(engine, view, 'git', 'repos');
  const { workspace, branches } = usePersistence();
  const nav = useNav();
  const [picked, setPicked] = useState<string | undefined>();
  const [committed, setCommitted] = useState<string | undefined>();
  const list = repos.data ?? [];
  const repo = list.find((r) => r.url === picked) ?? list[0];
  const branch = repo ? (branches[repo.url] && repo.branches.includes(branches[repo.url]!) ? branches[repo.url]! : repo.defaultBranch) : '';
  // The editor's workspace as attached by persistence (it carries the full WorkspaceApi).
  const ws = workspace as WorkspaceApi | undefined;

  const checkout = async (b: string) => {
    if (!engine || !repo) return;
    persistence.setBranch(repo.url, b);
    // The working copy's base becomes that branch's files (local edits are kept).
    const tree = await query(engine, 'git', 'tree', repo.url, b);
    ws?.syncBase(repo.name, tree.files);
  };

  return (
    <main className="git-page">
      <div className="git-top">
        <h2 className="git-title">Git</h2>
        {list.length > 0 && (
          <label className="field-inline">
            Repository
            <select value={repo?.url} onChange={(e) => setPicked(e.target.value)} aria-label="Repository">
              {list.map((r) => (
                <option key={r.url} value={r.url}>
                  {r.name} — {r.url}
                </option>
              ))}
            </select>
          </label>
        )}
        {repo && <BranchBar engine={engine} repo={repo} branch={branch} onCheckout={(b) => void checkout(b)} />}
      </div>
      {repos.error && <p className="error-text">{repos.error}</p>}
      {!repo ? (
        <p className="empty muted">No git repositories in this world yet. A scenario or lab creates them (the Argo CD labs do), and Applications pull from them.</p>
      ) : (
        <div className="git-grid">
          <section className="panel" aria-label="Working changes">
            <div className="panel-head">
              <h3>Working changes</h3>
            </div>
            <div className="panel-body">
              <Changes engine={engine} repo={repo} branch={branch} workspace={ws} author={AUTHOR} onCommitted={setCommitted} />
              {committed && (
                <p className="hint" role="status">
                  Committed <code>{committed.slice(0, 7)}</code> to {branch}. Argo CD compares Applications with git at each refresh (timeout.reconciliation:
                  every 2–3 minutes, or press Refresh): a tracking Application goes OutOfSync, then syncs if automated.{' '}
                  <button type="button" className="link" onClick={() => nav.go('apps')}>
                    Open Applications
                  </button>
                </p>
              )}
            </div>
          </section>
          <section className="panel" aria-label="History">
            <div className="panel-head">
              <h3>History of {branch}</h3>
            </div>
            <div className="panel-body">
              <History engine={engine} view={view} repo={repo} branch={branch} author={AUTHOR} onCommitted={setCommitted} />
            </div>
          </section>
        </div>
      )}
    </main>
  );
}
