/** Save status and the workspace menu: export / import a file, copy a share link, reset everything. */
import { useEffect, useRef, useState } from 'react';
import { persistence, usePersistence } from './index';
import { SHARE_URL_WARN_CHARS } from './share';

const STATUS_TEXT = { starting: 'Loading…', unsaved: 'Unsaved', saving: 'Saving…', saved: 'Saved', error: 'Not saved' } as const;

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function WorkspaceMenu({ disabled }: { disabled: boolean }) {
  const state = usePersistence();
  const file = useRef<HTMLInputElement>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  const [message, setMessage] = useState<{ tone: 'ok' | 'warn' | 'error'; text: string; link?: string } | undefined>();

  const run = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      setMessage({ tone: 'error', text: err instanceof Error ? err.message : String(err) });
    }
  };
  const close = () => menu.current?.removeAttribute('open');
  // Confirmations fade on their own; warnings, errors and a shown link stay until dismissed.
  useEffect(() => {
    if (message?.tone !== 'ok' || message.link) return;
    const t = setTimeout(() => setMessage(undefined), 4000);
    return () => clearTimeout(t);
  }, [message]);

  const onExport = () =>
    run(async () => {
      const { name, text } = await persistence.exportText();
      download(name, text);
      setMessage({ tone: 'ok', text: `Exported ${name}` });
      close();
    });

  const onImport = (f: File) =>
    run(async () => {
      await persistence.importText(await f.text());
      setMessage({ tone: 'ok', text: `Imported ${f.name}` });
      close();
    });

  const onShare = () =>
    run(async () => {
      const { url, tooLong } = await persistence.shareLink();
      await navigator.clipboard?.writeText(url).catch(() => undefined);
      setMessage(
        tooLong
          ? { tone: 'warn', text: `This link is ${url.length.toLocaleString()} characters (over ${SHARE_URL_WARN_CHARS.toLocaleString()}): some browsers and chat tools cut it. Export the file instead if it does not open.`, link: url }
          : { tone: 'ok', text: 'Share link copied', link: url },
      );
      close();
    });

  const onReset = () =>
    run(async () => {
      if (!confirm('Reset the workspace? The saved world, journal, files and branches are discarded.')) return;
      await persistence.reset();
      setMessage({ tone: 'ok', text: 'Workspace reset to the default scenario' });
      close();
    });

  return (
    <div className="workspace-menu">
      <span className={`save-status ${state.status}`} data-testid="save-status" title={state.error ?? (state.bootMs !== undefined ? `Restored from ${state.source} in ${state.bootMs} ms` : undefined)}>
        {STATUS_TEXT[state.status]}
      </span>
      <details className="menu" ref={menu}>
        <summary className="btn" aria-label="Workspace menu">
          Workspace
        </summary>
        <div className="menu-items" role="group" aria-label="Workspace">
          <button type="button" className="btn" disabled={disabled} onClick={() => void onExport()}>
            Export file
          </button>
          <button type="button" className="btn" disabled={disabled} onClick={() => file.current?.click()}>
            Import file…
          </button>
          <button type="button" className="btn" disabled={disabled} onClick={() => void onShare()}>
            Copy share link
          </button>
          <button type="button" className="btn danger" disabled={disabled} onClick={() => void onReset()}>
            Reset workspace
          </button>
        </div>
      </details>
      <input
        ref={file}
        type="file"
        accept="application/json,.json"
        hidden
        aria-label="Workspace file to import"
        data-testid="import-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void onImport(f);
        }}
      />
      {(message ?? state.error) && (
        <div className={`menu-message ${message?.tone ?? 'error'}`} role={message?.tone === 'ok' ? 'status' : 'alert'}>
          <span>{message?.text ?? state.error}</span>
          {message?.link && <input className="share-link" readOnly value={message.link} aria-label="Share link" onFocus={(e) => e.target.select()} />}
          <button type="button" className="btn small" aria-label="Dismiss message" onClick={() => setMessage(undefined)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
