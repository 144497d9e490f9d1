/** A small YAML box: `kubectl apply -f -` with located errors. Ctrl/⌘+Enter applies. */
import { useId, useState } from 'react';
import type { Engine } from '../engine';
import type { ApplyResult } from '../worker/protocol';
import { formatError } from '../engine';

const EXAMPLE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: demo
data:
  color: blue
`;

export function ApplyPanel({ engine }: { engine: Engine | null }) {
  const [text, setText] = useState(EXAMPLE);
  const [result, setResult] = useState<ApplyResult | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const apply = async () => {
    if (!engine || busy) return;
    setBusy(true);
    try {
      setResult(await engine.apply(text, 'editor.yaml'));
    } catch (err) {
      setResult({ errors: [{ message: err instanceof Error ? err.message : String(err) }], applied: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel apply" aria-label="Apply YAML">
      <div className="panel-head">
        <label htmlFor={id} className="panel-title">
          Manifest YAML <span className="muted">(editor.yaml)</span>
        </label>
        <button type="button" className="btn primary" onClick={apply} disabled={!engine || busy} aria-label="Apply manifest" title="Apply (Ctrl+Enter)">
          Apply
        </button>
      </div>
      <textarea
        id={id}
        className="yaml"
        spellCheck={false}
        value={text}
        rows={9}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void apply();
          }
        }}
      />
      <div className="apply-result" aria-live="polite">
        {result?.errors.length ? (
          <ul className="errors" role="alert" aria-label="Apply errors">
            {result.errors.map((e, i) => (
              <li key={i}>{formatError(e)}</li>
            ))}
          </ul>
        ) : null}
        {result?.applied.length ? (
          <ul className="applied" aria-label="Applied">
            {result.applied.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
