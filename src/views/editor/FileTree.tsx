/** The workspace's files as a tree: cluster/ scratch manifests and each repo's working copy, with M/A/D markers. */
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { fileStatus } from '../../workspace';
import type { WorkspaceApi, FileStatus } from '../../workspace';

interface Folder {
  name: string;
  path: string;
  folders: Map<string, Folder>;
  files: { name: string; path: string; status: FileStatus }[];
}

function buildTree(ws: WorkspaceApi): Folder {
  const root: Folder = { name: '', path: '', folders: new Map(), files: [] };
  const paths = new Set([...Object.keys(ws.state.files), ...Object.keys(ws.state.base)]);
  // The scratch folder is always there, even empty: it is where new manifests go.
  root.folders.set('cluster', { name: 'cluster', path: 'cluster/', folders: new Map(), files: [] });
  for (const p of [...paths].sort()) {
    const parts = p.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      let next = dir.folders.get(part);
      if (!next) {
        next = { name: part, path: `${dir.path}${part}/`, folders: new Map(), files: [] };
        dir.folders.set(part, next);
      }
      dir = next;
    }
    dir.files.push({ name: parts[parts.length - 1]!, path: p, status: fileStatus(ws.state, p) });
  }
  return root;
}

const MARK: Record<FileStatus, string> = { unmodified: '', modified: 'M', added: 'A', deleted: 'D' };
const MARK_TITLE: Record<FileStatus, string> = { unmodified: '', modified: 'modified', added: 'new file', deleted: 'deleted' };

type Editing = { mode: 'new'; dir: string } | { mode: 'rename'; path: string };

export function FileTree({ ws, onError }: { ws: WorkspaceApi; onError(message: string): void }) {
  const tree = useMemo(() => buildTree(ws), [ws, ws.state]);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<Editing | null>(null);
  const [name, setName] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    try {
      if (editing.mode === 'new') ws.create(name.trim(), '');
      else ws.rename(editing.path, name.trim());
      setEditing(null);
    } catch (err) {
      onError(err instanceof Error ? err.message : String(err));
    }
  };

  const startNew = (dir: string) => {
    setEditing({ mode: 'new', dir });
    setName(`${dir}${dir === 'cluster/' ? 'new.yaml' : ''}`);
  };

  const form = (label: string) => (
    <form className="tree-form" onSubmit={submit}>
      <input aria-label={label} autoFocus value={name} onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setEditing(null)} spellCheck={false} />
      <button type="submit" className="btn small">
        OK
      </button>
    </form>
  );

  const renderFolder = (f: Folder, depth: number) => (
    <li key={f.path} className="tree-folder">
      <div className="tree-row" style={{ paddingLeft: `${depth * 12 + 4}px` }}>
        <button
          type="button"
          className="tree-toggle"
          aria-expanded={!collapsed.has(f.path)}
          aria-label={`Folder ${f.path}`}
          onClick={() => setCollapsed((c) => {
            const n = new Set(c);
            if (n.has(f.path)) n.delete(f.path);
            else n.add(f.path);
            return n;
          })}
        >
          {collapsed.has(f.path) ? '▸' : '▾'} {f.name}/
        </button>
        <button type="button" className="icon-btn" aria-label={`New file in ${f.path}`} title="New file" onClick={() => startNew(f.path)}>
          +
        </button>
      </div>
      {!collapsed.has(f.path) && (
        <ul>
          {editing?.mode === 'new' && editing.dir === f.path && <li style={{ paddingLeft: `${(depth + 1) * 12 + 4}px` }}>{form('New file path')}</li>}
          {[...f.folders.values()].map((sub) => renderFolder(sub, depth + 1))}
          {f.files.map((file) => (
            <li key={file.path} className={`tree-file ${ws.state.active === file.path ? 'on' : ''} ${file.status}`}>
              {editing?.mode === 'rename' && editing.path === file.path ? (
                <div style={{ paddingLeft: `${(depth + 1) * 12 + 4}px` }}>{form(`Rename ${file.path}`)}</div>
              ) : (
                <div className="tree-row" style={{ paddingLeft: `${(depth + 1) * 12 + 4}px` }}>
                  <button type="button" className="tree-name" disabled={file.status === 'deleted'} aria-current={ws.state.active === file.path ? 'page' : undefined} onClick={() => ws.openFile(file.path)} title={file.path}>
                    {file.name}
                  </button>
                  {file.status !== 'unmodified' && (
                    <span className={`mark mark-${file.status}`} title={MARK_TITLE[file.status]} aria-label={MARK_TITLE[file.status]}>
                      {MARK[file.status]}
                    </span>
                  )}
                  {file.status !== 'deleted' && (
                    <>
                      <button type="button" className="icon-btn" aria-label={`Rename ${file.path}`} title="Rename" onClick={() => (setEditing({ mode: 'rename', path: file.path }), setName(file.path))}>
                        ✎
                      </button>
                      <button
                        type="button"
                        className="icon-btn"
                        aria-label={`Delete ${file.path}`}
                        title="Delete"
                        onClick={() => {
                          if (window.confirm(`Delete ${file.path}?`)) ws.remove(file.path);
                        }}
                      >
                        ×
                      </button>
                    </>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );

  return (
    <nav className="file-tree panel" aria-label="Files">
      <div className="panel-head">
        <span className="panel-title">Files</span>
        <button type="button" className="btn small" onClick={() => startNew('cluster/')} aria-label="New file">
          New file
        </button>
      </div>
      <ul className="tree" aria-label="Workspace files">
        {[...tree.folders.values()].map((f) => renderFolder(f, 0))}
        {editing?.mode === 'new' && editing.dir === '' && <li>{form('New file path')}</li>}
      </ul>
    </nav>
  );
}
