/**
 * Live vs target per resource like Argo CD's Diff tab: normalised by the worker (server fields dropped,
 * ignoreDifferences applied, Secret values masked), shown unified or side by side, modified resources first.
 */
import { useState } from 'react';
import type { ResourceDiff } from '../../worker/features/apps/types';
import { KindIcon } from './badges';

type Row = { left?: string; right?: string; kind: 'same' | 'del' | 'add' | 'change' };

/** A full line diff (manifests are small) paired into rows: removals beside the additions that replace them. */
export function sideBySide(a: string, b: string): Row[] {
  const x = a ? a.replace(/\n$/, '').split('\n') : [];
  const y = b ? b.replace(/\n$/, '').split('\n') : [];
  const n = x.length;
  const m = y.length;
  if (n * m > 4_000_000) return [...x.map((l): Row => ({ left: l, kind: 'del' })), ...y.map((r): Row => ({ right: r, kind: 'add' }))];
  const lcs: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const rows: Row[] = [];
  let i = 0;
  let j = 0;
  let dels: string[] = [];
  let adds: string[] = [];
  const flush = () => {
    for (let k = 0; k < Math.max(dels.length, adds.length); k++) {
      const l = dels[k];
      const r = adds[k];
      rows.push({ ...(l !== undefined ? { left: l } : {}), ...(r !== undefined ? { right: r } : {}), kind: l !== undefined && r !== undefined ? 'change' : l !== undefined ? 'del' : 'add' });
    }
    dels = [];
    adds = [];
  };
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      flush();
      rows.push({ left: x[i++]!, right: y[j++]!, kind: 'same' });
    } else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) dels.push(x[i++]!);
    else adds.push(y[j++]!);
  }
  flush();
  return rows;
}

function Unified({ text }: { text: string }) {
  return (
    <pre className="diff unified" aria-label="Unified diff">
      {text.split('\n').map((l, i) => (
        <div key={i} className={l.startsWith('+++') || l.startsWith('---') ? 'hdr' : l.startsWith('@@') ? 'hunk' : l.startsWith('+') ? 'add' : l.startsWith('-') ? 'del' : ''}>
          {l || ' '}
        </div>
      ))}
    </pre>
  );
}

function Split({ d }: { d: ResourceDiff }) {
  const rows = sideBySide(d.liveYaml, d.targetYaml);
  return (
    <table className="diff split" aria-label="Side-by-side diff">
      <thead>
        <tr>
          <th scope="col">Live</th>
          <th scope="col">Desired (live after sync)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} className={r.kind}>
            <td className={r.kind === 'add' ? '' : r.kind === 'same' ? '' : 'del'}>{r.left ?? ''}</td>
            <td className={r.kind === 'del' ? '' : r.kind === 'same' ? '' : 'add'}>{r.right ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DiffList({ diffs, error }: { diffs: ResourceDiff[] | undefined; error?: string | undefined }) {
  const [mode, setMode] = useState<'unified' | 'split'>('unified');
  const [all, setAll] = useState(false);
  if (error) return <p className="errors" role="alert">{error}</p>;
  if (!diffs) return <p className="muted">Comparing…</p>;
  const shown = all ? diffs : diffs.filter((d) => d.modified);
  return (
    <div className="diffs">
      <div className="diff-tools">
        <label>
          <input type="radio" name="diff-mode" checked={mode === 'unified'} onChange={() => setMode('unified')} /> Unified
        </label>
        <label>
          <input type="radio" name="diff-mode" checked={mode === 'split'} onChange={() => setMode('split')} /> Side by side
        </label>
        <label>
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> Show unchanged resources
        </label>
      </div>
      {shown.length === 0 && <p className="muted">Live matches git for every resource{diffs.length ? '' : ' (no managed resources)'}.</p>}
      {shown.map((d) => (
        <section key={d.key} className="diff-resource" data-key={d.key} data-modified={d.modified} aria-label={`Diff of ${d.kind} ${d.name}`}>
          <h3 className="diff-title">
            <KindIcon kind={d.kind} /> {d.kind}/{d.name} {d.namespace && <span className="muted">in {d.namespace}</span>}{' '}
            {d.modified ? <span className="pill warn">differs</span> : <span className="pill ok">same</span>}
          </h3>
          {mode === 'unified' ? d.modified ? <Unified text={d.diffText} /> : <pre className="diff unified">{d.liveYaml}</pre> : <Split d={d} />}
        </section>
      ))}
    </div>
  );
}
