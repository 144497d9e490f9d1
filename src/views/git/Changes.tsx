/**
 * Working changes of one repository from the editor's workspace: pick files, read each one's diff against the
 * branch, write a message, commit. The commit lands on the git host; Argo CD sees it at its next refresh.
 */
import { useState } from 'react';
import { unifiedHunks } from '../../../simulator/git/textDiff';
import type { Engine } from '../../engine';
import { action, query } from '../../engine/feature';
import type { WorkspaceLike } from '../../persistence';
import type { RepoSummary } from '../../worker/features/git';
import { Hunks } from './Diff';

export interface Author {
  name: string;
  email: string;
}

interface Props {
  engine: Engine | null;
  repo: RepoSummary;
  branch: string;
  workspace: (WorkspaceLike & { changes(repo: string): Record<string, string | null>; syncBase(repo: string, files: Record<string, string>): void }) | undefined;
  author: Author;
  onCommitted(sha: string): void;
}

export function Changes({ engine, repo, branch, workspace, author, onCommitted }: Props) {
  const changes = workspace?.changes(repo.name) ?? {};
  const paths = Object.keys(changes).sort();
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [shown, setShown] = useState<string | undefined>();
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const base = workspace?.exportState().base ?? {};
  const prefix = `repos/${repo.name}/`;
  const selected = paths.filter((p) => !excluded.has(p));
  const shownPath = shown && paths.includes(shown) ? shown : paths[0];
  // One file's line diff: small, and only for the file shown.
  const hunks = shownPath ? unifiedHunks(base[prefix + shownPath] ?? '', changes[shownPath] ?? '') : [];

  if (!workspace) return <p className="muted">The editor workspace is not available, so there are no working changes to commit.</p>;

  const commit = async () => {
    if (!engine) return;
    setBusy(true);
    setError(undefined);
    try {
      const picked = Object.fromEntries(selected.map((p) => [p, changes[p] ?? null]));
      const sha = await action(engine, 'git', 'commit', repo.url, branch, message, picked, author);
      const tree = await query(engine, 'git', 'tree', repo.url, sha);
      workspace.syncBase(repo.name, tree.files);
      setMessage('');
      setExcluded(new Set());
      onCommitted(sha);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const status = (p: string) => (changes[p] === null ? 'deleted' : Object.hasOwn(base, prefix + p) ? 'modified' : 'added');

  return (
    <div className="changes">
      {paths.length === 0 ? (
        <p className="muted">
          No working changes in <code>repos/{repo.name}/</code>. Edit files in the Editor tab, then commit them here.
        </p>
      ) : (
        <>
          <ul className="change-list" aria-label="Working changes">
            {paths.map((p) => (
              <li key={p} className={p === shownPath ? 'on' : undefined}>
                <input
                  type="checkbox"
                  checked={!excluded.has(p)}
                  aria-label={`Include ${p} in the commit`}
                  onChange={(e) => {
                    const next = new Set(excluded);
                    if (e.target.checked) next.delete(p);
                    else next.add(p);
                    setExcluded(next);
                  }}
                />
                <span className={`badge ${status(p)}`}>{status(p)}</span>
                <button type="button" className="link" aria-label={`Show the diff of ${p}`} onClick={() => setShown(p)}>
                  {p}
                </button>
              </li>
            ))}
          </ul>
          {shownPath && (
            <div className="change-diff" aria-label={`Diff of ${shownPath}`}>
              {hunks.length > 0 ? <Hunks hunks={hunks} /> : <p className="muted">No line changes.</p>}
            </div>
          )}
        </>
      )}
      <form
        className="commit-form"
        onSubmit={(e) => {
          e.preventDefault();
          void commit();
        }}
      >
        <label className="field">
          Commit message
          <textarea value={message} rows={2} onChange={(e) => setMessage(e.target.value)} placeholder="Describe the change" />
        </label>
        <div className="commit-row">
          <button type="submit" className="btn primary" disabled={!engine || busy || selected.length === 0 || !message.trim()}>
            Commit {selected.length} file{selected.length === 1 ? '' : 's'} to {branch}
          </button>
          {error && (
            <span className="error-text" role="alert">
              {error}
            </span>
          )}
        </div>
      </form>
    </div>
  );
}
