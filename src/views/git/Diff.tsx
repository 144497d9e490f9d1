/** Unified diff hunks as `git diff` prints them, coloured by line. */
export interface DiffFile {
  path: string;
  status: 'added' | 'modified' | 'deleted';
  hunks?: string[];
  binary?: boolean;
}

export function Hunks({ hunks }: { hunks: string[] }) {
  const lines = hunks.flatMap((h) => h.replace(/\n$/, '').split('\n'));
  return (
    <pre className="diff">
      {lines.map((l, i) => (
        <span key={i} className={l.startsWith('@@') ? 'hunk' : l.startsWith('+') ? 'add' : l.startsWith('-') ? 'del' : undefined}>
          {l}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}

export function DiffList({ files }: { files: DiffFile[] }) {
  if (files.length === 0) return <p className="muted">No changes.</p>;
  return (
    <div className="diff-list">
      {files.map((f) => (
        <section key={f.path} className="diff-file" aria-label={`${f.status} ${f.path}`}>
          <h4 className="diff-path">
            <span className={`badge ${f.status}`}>{f.status}</span> {f.path}
          </h4>
          {f.hunks ? <Hunks hunks={f.hunks} /> : <p className="muted">{f.binary ? 'Binary file' : 'Large file: no line diff'}</p>}
        </section>
      ))}
    </div>
  );
}
