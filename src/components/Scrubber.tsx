/**
 * The timeline under the time controls: a slider from T+0 to the furthest time reached, a tick for every journaled
 * action, and a "jump to" box. Moving it rebuilds the world at that time by deterministic replay (the worker does it).
 */
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { Engine } from '../engine';
import type { TimelineView } from '../worker/protocol';

/** Real ms a drag rests before the world is rebuilt there (replay is cheap, but not free on every pixel). */
const SEEK_DEBOUNCE_MS = 120;

/** `T+` offsets as `HH:MM:SS` (days prefixed), like the clock. */
export function formatOffset(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  const d = Math.floor(total / 86400);
  const hms = `${pad(Math.floor((total % 86400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return d > 0 ? `${d}d ${hms}` : hms;
}

/** `90`, `1:30`, `00:01:30`, `1m30s`, `2h` → ms since T+0 (undefined when it does not read as a time). */
export function parseOffset(text: string): number | undefined {
  const s = text.trim().replace(/^T\+/i, '');
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(parseFloat(s) * 1000);
  const clock = /^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(s);
  if (clock) return Math.round(((Number(clock[1] ?? 0) * 60 + Number(clock[2])) * 60 + Number(clock[3])) * 1000);
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  let total = 0;
  let consumed = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) {
    total += parseFloat(m[1]!) * units[m[2]!]!;
    consumed += m[0].length;
  }
  return consumed > 0 && consumed === s.length ? Math.round(total) : undefined;
}

/** Media glyphs as paths (system fonts lack some of them). */
function Glyph({ d }: { d: string }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <path d={d} fill="currentColor" />
    </svg>
  );
}

export function Scrubber({ engine, timeline }: { engine: Engine | null; timeline: TimelineView | undefined }) {
  const [drag, setDrag] = useState<number | null>(null);
  const [jump, setJump] = useState('');
  const [jumpError, setJumpError] = useState<string | undefined>();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const generation = useRef(0);
  useEffect(() => () => clearTimeout(timer.current), []);

  if (!timeline) return null;
  const { start, now, horizon, marks } = timeline;
  const span = Math.max(1000, horizon - start);
  const value = drag ?? now - start;

  const seek = (offset: number, delay: number) => {
    const gen = ++generation.current;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      void engine
        ?.seek(start + offset)
        .catch((err: unknown) => console.error('seek failed', err))
        .finally(() => gen === generation.current && setDrag(null));
    }, delay);
  };

  const onJump = (e: FormEvent) => {
    e.preventDefault();
    const offset = parseOffset(jump);
    if (offset === undefined) {
      setJumpError(`"${jump}" is not a time: try 90, 1:30, 00:01:30 or 1m30s`);
      return;
    }
    setJumpError(undefined);
    setDrag(offset);
    seek(offset, 0);
  };

  // Step through the journal: back to just before the previous action (undoing it), forward to just after the next.
  const prev = [...marks].reverse().find((m) => m.t <= now && m.t > start);
  const next = marks.find((m) => m.t > now);
  const to = (t: number) => {
    setDrag(t - start);
    seek(t - start, 0);
  };

  return (
    <div className="scrubber" role="group" aria-label="Timeline">
      <button type="button" className="btn small" disabled={!engine || !prev} onClick={() => prev && to(prev.t - 1)} aria-label={prev ? `Back to before ${prev.label}` : 'Back to before the previous action'} title="Back to just before the previous action">
        <Glyph d="M3 2.5h2v11H3zM13.5 2.5v11L6 8z" />
      </button>
      <button type="button" className="btn small" disabled={!engine || !next} onClick={() => next && to(next.t)} aria-label={next ? `Forward through ${next.label}` : 'Forward through the next action'} title="Forward to just after the next recorded action">
        <Glyph d="M2.5 2.5v11L10 8zM11 2.5h2v11h-2z" />
      </button>
      <span className="scrub-end" aria-hidden="true">
        T+0
      </span>
      <div className="scrub-track">
        <input
          type="range"
          min={0}
          max={span}
          step={1000}
          value={Math.min(value, span)}
          aria-label="Scrub virtual time"
          aria-valuetext={`T+${formatOffset(value)} of T+${formatOffset(span)}`}
          title="Drag back to any earlier time: the world is rebuilt there by replay; acting then discards what came after"
          onChange={(e) => {
            const v = Number(e.target.value);
            setDrag(v);
            seek(v, SEEK_DEBOUNCE_MS);
          }}
          disabled={!engine}
        />
        <div className="scrub-marks" aria-hidden="true">
          {marks.map((m, i) => (
            <span
              key={i}
              className={`scrub-mark ${m.t > now ? 'ahead' : ''}`}
              style={{ left: `${((m.t - start) / span) * 100}%` }}
              title={`${m.label} at T+${formatOffset(m.t - start)}`}
            />
          ))}
        </div>
      </div>
      <span className="scrub-end" data-testid="horizon">
        T+{formatOffset(span)}
      </span>
      {timeline.replaying && (
        <span className="muted" role="status">
          replaying…
        </span>
      )}
      <form className="jump" onSubmit={onJump}>
        <input
          className="jump-input"
          value={jump}
          onChange={(e) => setJump(e.target.value)}
          placeholder="jump to 1m30s"
          aria-label="Jump to virtual time (since T+0)"
          aria-invalid={jumpError ? true : undefined}
          aria-describedby={jumpError ? 'jump-error' : undefined}
        />
        <button type="submit" className="btn" disabled={!engine}>
          Go
        </button>
        {jumpError && (
          <span id="jump-error" className="jump-error" role="alert">
            {jumpError}
          </span>
        )}
      </form>
    </div>
  );
}
