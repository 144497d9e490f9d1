/** The branch's log (newest first, virtual times), one commit's diff, and revert. */
import { useState } from 'react';
import type { Engine } from '../../engine';
import { action, useQuery } from '../../engine/feature';
import { formatOffset } from '../../components/Scrubber';
import type { RepoSummary } from '../../worker/features/git';
import type { ViewModel } from '../../worker/protocol';
import type { Author } from './Changes';
import { DiffList } from './Diff';

interface Props {
  engine: Engine | null;
  view: ViewModel | null;
  repo: RepoSummary;
  branch: string;
  author: Author;
  onCommitted(sha: string): void;
}

export function History({ engine, view, repo, branch, author, onCommitted }: Props) {
  const log = useQuery(engine, view, 'git', 'log', repo.url, branch);
  const [picked, setPicked] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const commits = log.data ?? [];
  const sha = picked && commits.some((c) => c.sha === picked) ? picked : commits[0]?.sha;
  const shown = useQuery(engine, view, 'git', 'show', repo.url, sha ?? '');
  const start = view?.timeline?.start ?? view?.startTime ?? 0;
  const commit = commits.find((c) => c.sha === sha);

  const revert = async () => {
    if (!engine || !sha) return;
    setError(undefined);
    try {
      onCommitted(await action(engine, 'git', 'revert', repo.url, sha, branch, author));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div className="history">
      {log.error && <p className="error-text">{log.error}</p>}
      <ol className="log" aria-label={`Commits on ${branch}`}>
        {commits.map((c) => (
          <li key={c.sha}>
            <button type="button" className={`log-row ${c.sha === sha ? 'on' : ''}`} aria-pressed={c.sha === sha} onClick={() => setPicked(c.sha)}>
              <code className="sha">{c.sha.slice(0, 7)}</code>
              <span className="subject">{c.subject}</span>
              <span className="who">{c.author}</span>
              <span className="when" title={new Date(c.time).toISOString()}>
                {c.time >= start ? `T+${formatOffset(c.time - start)}` : new Date(c.time).toISOString().replace('.000Z', 'Z')}
              </span>
            </button>
          </li>
        ))}
      </ol>
      {commit && (
        <section className="commit-detail" aria-label={`Commit ${commit.sha.slice(0, 7)}`}>
          <div className="commit-head">
            <div>
              <code className="sha">{commit.sha}</code>
              <pre className="message">{commit.message.trimEnd()}</pre>
              <span className="muted">
                {commit.author} &lt;{commit.email}&gt;
              </span>
            </div>
            <button type="button" className="btn" disabled={!engine || commit.parents.length === 0} onClick={() => void revert()} title="git revert: a new commit undoing this one">
              Revert
            </button>
          </div>
          {error && (
            <p className="error-text" role="alert">
              {error}
            </p>
          )}
          {shown.error ? <p className="error-text">{shown.error}</p> : <DiffList files={shown.data ?? []} />}
        </section>
      )}
    </div>
  );
}
