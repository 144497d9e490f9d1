/**
 * The Applications tab: Argo CD's application list and application details (resource tree, sync timeline,
 * diff, history and rollback), acting as the user picked in the switcher so RBAC answers as Argo CD would.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { action, useQuery } from '../../engine/feature';
import type { ViewProps } from '../index';
import { useNav } from '../index';
import { AppDetail } from './AppDetail';
import { AppList } from './AppList';
import { short } from './badges';
import { withRealSource } from '../../real/source/withRealSource';
import './styles.css';

function appFromHash(): string | undefined {
  const m = /^#\/apps\/([^/]+)/.exec(location.hash);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

export default withRealSource(AppsPage, () => import('../../real/source/RealAppsPage'));

function AppsPage({ engine, view }: ViewProps) {
  const nav = useNav();
  const [user, setUser] = useState('admin');
  const [open, setOpenState] = useState<string | undefined>(nav.target?.kind === 'Application' ? nav.target.name : appFromHash());
  // `#/apps/<name>` opens an app directly (a link to share or bookmark).
  const setOpen = useCallback((name: string | undefined) => {
    setOpenState(name);
    if (location.hash.startsWith('#/apps')) history.replaceState(null, '', name ? `#/apps/${encodeURIComponent(name)}` : '#/apps');
  }, []);
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const users = useQuery(engine, view, 'apps', 'users');
  const detail = useQuery(engine, open ? view : null, 'apps', 'detail', user, open ?? '');
  // The list stays live whenever it is on screen (also while an opened app does not exist yet).
  const list = useQuery(engine, open && detail.data ? null : view, 'apps', 'list', user);
  const example = useQuery(engine, view, 'apps', 'example');

  useEffect(() => {
    if (nav.target?.kind === 'Application') setOpen(nav.target.name);
  }, [nav.target, setOpen]);
  // The open app was deleted (or this user may not see it any more): back to the list. Only once it was
  // seen, since the answer on screen may still be for the previous name.
  const seen = useRef<string | undefined>(undefined);
  const current = open && detail.data && detail.data.name === open ? detail.data : undefined;
  if (current) seen.current = open;
  useEffect(() => {
    if (open && detail.data === null && seen.current === open) {
      seen.current = undefined;
      setOpen(undefined);
    }
  }, [open, detail.data, setOpen]);

  const run = useCallback((fn: () => Promise<unknown>) => {
    setError(undefined);
    fn().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  return (
    <main className="apps-page">
      <div className="apps-toolbar" role="toolbar" aria-label="Argo CD">
        <label className="ns-select">
          Argo CD user
          <select aria-label="Argo CD user" value={user} onChange={(e) => setUser(e.target.value)}>
            {(users.data ?? [{ name: 'admin', enabled: true, capabilities: [] }]).map((u) => (
              <option key={u.name} value={u.name} disabled={!u.enabled}>
                {u.name}
                {u.enabled ? '' : ' (disabled)'}
              </option>
            ))}
          </select>
        </label>
        <span className="toolbar-gap" />
        <button
          type="button"
          className="btn"
          disabled={!engine || example.data?.app}
          title="A guestbook repository with a PreSync hook, sync waves 0 and 1 and a PostSync hook, and its Application"
          onClick={() =>
            run(async () => {
              await action(engine!, 'apps', 'addExample');
              setNotice('Added repository https://github.com/sandbox/guestbook.git and Application guestbook (manual sync).');
            })
          }
        >
          Add example application
        </button>
        <button
          type="button"
          className="btn"
          disabled={!engine || !example.data?.repo}
          title="Commit a change to the example repository (one more replica), as if someone pushed"
          onClick={() =>
            run(async () => {
              const r = await action(engine!, 'apps', 'commitExample');
              setNotice(`Committed ${short(r.sha)} "guestbook-ui: scale to ${r.replicas} replicas". Argo CD sees it at its next refresh (press Refresh, or wait for the 3-minute poll).`);
            })
          }
        >
          Simulate a commit
        </button>
      </div>
      {error && (
        <div className="errors banner" role="alert" aria-label="Argo CD error">
          {error}
          <button type="button" className="btn" aria-label="Dismiss error" onClick={() => setError(undefined)}>
            ✕
          </button>
        </div>
      )}
      {notice && !error && (
        <div className="notice banner" role="status">
          {notice}
          <button type="button" className="btn" aria-label="Dismiss notice" onClick={() => setNotice(undefined)}>
            ✕
          </button>
        </div>
      )}
      {current ? (
        <AppDetail engine={engine} view={view} user={user} app={current} onBack={() => setOpen(undefined)} run={run} />
      ) : open && detail.error ? (
        <p className="errors banner" role="alert">
          {detail.error}
        </p>
      ) : (
        <AppList apps={list.data} error={list.error} startTime={view?.startTime} onOpen={setOpen} />
      )}
    </main>
  );
}
