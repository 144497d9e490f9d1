/**
 * The Terminal tab: an xterm.js terminal (loaded with this tab only) running a kubectl / argocd / argo subset
 * against the sandbox. Reads are queries; commands that change the world go as journaled actions.
 */
import { useEffect, useRef, useState } from 'react';
import type { Terminal as XTerm } from '@xterm/xterm';
import { action, query, useQuery } from '../../engine/feature';
import { isMutating } from '../../worker/features/terminal/parse';
import type { ViewProps } from '../index';
import './styles.css';

const PROMPT = '\x1b[1;34m$\x1b[0m ';
const WELCOME = 'Argo Sandbox terminal: kubectl, argocd and argo against the simulated cluster. Type \x1b[1mhelp\x1b[0m.';

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function theme() {
  return { background: cssVar('--panel', '#ffffff'), foreground: cssVar('--text', '#1b1f24'), cursor: cssVar('--accent', '#0b5cad'), selectionBackground: cssVar('--done-bg', '#e6ebf1') };
}

export default function TerminalPage({ engine, view }: ViewProps) {
  const box = useRef<HTMLDivElement>(null);
  const [user, setUser] = useState('admin');
  const userRef = useRef(user);
  userRef.current = user;
  const engineRef = useRef(engine);
  engineRef.current = engine;
  const users = useQuery(engine, view, 'apps', 'users');
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let term: XTerm | undefined;
    let disposed = false;
    const cleanups: (() => void)[] = [];
    (async () => {
      const [{ Terminal }, { FitAddon }] = await Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit'), import('@xterm/xterm/css/xterm.css')]);
      if (disposed || !box.current) return;
      term = new Terminal({ fontFamily: cssVar('--code', 'monospace'), fontSize: 13, convertEol: true, cursorBlink: true, scrollback: 5000, theme: theme(), screenReaderMode: true });
      const fit = new FitAddon();
      term.loadAddon(fit);
      term.open(box.current);
      fit.fit();
      const onResize = () => fit.fit();
      window.addEventListener('resize', onResize);
      cleanups.push(() => window.removeEventListener('resize', onResize));
      const media = window.matchMedia('(prefers-color-scheme: dark)');
      const onScheme = () => term && (term.options.theme = theme());
      media.addEventListener('change', onScheme);
      cleanups.push(() => media.removeEventListener('change', onScheme));

      const history: string[] = [];
      let at = 0;
      let line = '';
      let busy = false;
      const t = term;
      const replaceLine = (next: string) => {
        t.write(`\r\x1b[2K${PROMPT}${next}`);
        line = next;
      };
      const run = async (cmd: string) => {
        const e = engineRef.current;
        if (!e) return t.write('\x1b[31mthe engine is still starting\x1b[0m\n');
        if (cmd.trim() === 'clear') return t.clear();
        try {
          const r = isMutating(cmd) ? await action(e, 'terminal', 'run', cmd, userRef.current) : await query(e, 'terminal', 'exec', cmd, userRef.current);
          if (r.output) t.write(r.error ? `\x1b[31m${r.output}\x1b[0m\n` : `${r.output}\n`);
        } catch (err) {
          t.write(`\x1b[31m${err instanceof Error ? err.message : String(err)}\x1b[0m\n`);
        }
      };
      // Tab leaves the terminal (keyboard users are not trapped in it); there is no completion to lose.
      t.attachCustomKeyEventHandler((ev) => ev.key !== 'Tab');
      t.writeln(WELCOME);
      t.write(PROMPT);
      t.onData(async (data) => {
        if (busy) return;
        for (const ch of data.replace(/\r\n/g, '\r')) {
          if (ch === '\r') {
            t.write('\r\n');
            const cmd = line;
            line = '';
            if (cmd.trim()) {
              history.push(cmd);
              busy = true;
              await run(cmd);
              busy = false;
            }
            at = history.length;
            t.write(PROMPT);
          } else if (ch === '\x7f' || ch === '\b') {
            if (line.length > 0) {
              line = line.slice(0, -1);
              t.write('\b \b');
            }
          } else if (ch === '\x03') {
            t.write('^C\r\n' + PROMPT);
            line = '';
          } else if (ch === '\x0c') {
            t.clear();
          } else if (ch >= ' ') {
            line += ch;
            t.write(ch);
          }
        }
        if (data === '\x1b[A' && at > 0) replaceLine(history[--at]!);
        if (data === '\x1b[B') replaceLine(at < history.length - 1 ? history[++at]! : ((at = history.length), ''));
      });
      t.focus();
      setReady(true);
    })().catch((err: unknown) => console.error('terminal failed to start', err));
    return () => {
      disposed = true;
      cleanups.forEach((c) => c());
      term?.dispose();
    };
  }, []);

  return (
    <main className="terminal-page">
      <div className="terminal-toolbar">
        <label className="ns-select">
          Argo CD user
          <select aria-label="Argo CD user for argocd commands" value={user} onChange={(e) => setUser(e.target.value)}>
            {(users.data ?? [{ name: 'admin', enabled: true, capabilities: [] }]).map((u) => (
              <option key={u.name} value={u.name} disabled={!u.enabled}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">kubectl get|describe|delete|logs · argocd app list|get|diff|sync|rollback · argo list|get|logs|resume|stop|terminate|node set · ↑/↓ history</span>
      </div>
      <div ref={box} className="terminal-box" role="application" aria-label="Terminal" data-ready={ready} />
    </main>
  );
}
