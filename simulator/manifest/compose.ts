/**
 * Build JSON values from js-yaml parser events, recording where every node is. Handles what
 * `load()` would not do for us safely: alias expansion limits, duplicate keys with their line,
 * `__proto__` keys kept as plain data, non-JSON values (NaN, complex keys), merge keys (`<<`).
 */
import { EVENT_ID, SCALAR_STYLE, getScalarValue } from 'js-yaml';
import type { Event, ScalarEvent } from 'js-yaml';
import { clone, setOwn } from '../cluster/types.js';
import type { JsonValue } from '../cluster/types.js';
import { MAX_ALIASES, MAX_ALIAS_EXPANSION } from './limits.js';
import type { LineIndex, PosNode } from './positions.js';
import { keyString, resolveScalar } from './scalars.js';
import type { ScalarValue } from './scalars.js';

/** A located problem in a document (offset is absolute in the file). */
export class ComposeError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

interface Built {
  value: JsonValue;
  pos: PosNode;
  /** Nodes in this subtree, after alias expansion: what an alias to it costs. */
  size: number;
  /** Set for scalars: how a key made of this node reads. */
  scalar?: ScalarValue;
  isMerge?: boolean;
}

export class Composer {
  private i = 0;
  private anchors = new Map<string, Built>();
  private aliases = 0;
  private expanded = 0;

  constructor(
    private readonly events: Event[],
    private readonly source: string,
    /** Absolute offset of `source` in the file. */
    private readonly base: number,
    private readonly lines: LineIndex,
  ) {}

  /** Next document: undefined at end of stream; `{ empty: true }` for an empty document. */
  nextDocument(): { value: JsonValue; pos: PosNode; offset: number } | { empty: true } | undefined {
    const ev = this.events[this.i];
    if (!ev) return undefined;
    if (ev.type !== EVENT_ID.DOCUMENT) throw new ComposeError('unexpected parser event', this.base);
    this.i++;
    this.anchors.clear();
    this.aliases = 0;
    this.expanded = 0;
    if (this.events[this.i]?.type === EVENT_ID.POP) {
      this.i++;
      return { empty: true };
    }
    const offset = this.startOf(this.events[this.i]!);
    const root = this.node();
    this.i++; // POP of the document
    if (root.scalar === null && root.pos.keys === undefined && root.pos.items === undefined) return { empty: true };
    return { value: root.value, pos: root.pos, offset };
  }

  private startOf(ev: Event): number {
    switch (ev.type) {
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE:
        return this.base + (ev.anchorStart >= 0 ? Math.min(ev.anchorStart, ev.start) : ev.start);
      case EVENT_ID.SCALAR: {
        const starts = [ev.valueStart, ev.anchorStart, ev.tagStart].filter((x) => x >= 0);
        // Quoted scalars: valueStart is inside the quotes; step back to the quote.
        const quoted = ev.style === SCALAR_STYLE.SINGLE_QUOTED || ev.style === SCALAR_STYLE.DOUBLE_QUOTED ? 1 : 0;
        return this.base + Math.max(0, Math.min(...starts) - (Math.min(...starts) === ev.valueStart ? quoted : 0));
      }
      case EVENT_ID.ALIAS:
        return this.base + ev.anchorStart - 1;
      default:
        return this.base;
    }
  }

  private posAt(offset: number): PosNode {
    const { line, column } = this.lines.at(offset);
    return { line, column };
  }

  private anchorName(ev: { anchorStart: number; anchorEnd: number }): string | undefined {
    return ev.anchorStart >= 0 ? this.source.slice(ev.anchorStart, ev.anchorEnd) : undefined;
  }

  private node(): Built {
    const ev = this.events[this.i]!;
    const offset = this.startOf(ev);
    switch (ev.type) {
      case EVENT_ID.SCALAR:
        this.i++;
        return this.remember(ev, this.scalar(ev, offset));
      case EVENT_ID.ALIAS: {
        this.i++;
        const name = this.source.slice(ev.anchorStart, ev.anchorEnd);
        const target = this.anchors.get(name);
        if (!target) throw new ComposeError(`unknown anchor '${name}' referenced`, offset);
        this.aliases++;
        this.expanded += target.size;
        if (this.aliases > MAX_ALIASES || this.expanded > MAX_ALIAS_EXPANSION) {
          throw new ComposeError('document contains excessive aliasing', offset);
        }
        return { value: clone(target.value), pos: this.posAt(offset), size: target.size, scalar: target.scalar };
      }
      case EVENT_ID.SEQUENCE: {
        this.i++;
        const value: JsonValue[] = [];
        const pos: PosNode = { ...this.posAt(offset), items: [] };
        let size = 1;
        while (this.events[this.i]!.type !== EVENT_ID.POP) {
          const item = this.node();
          value.push(item.value);
          pos.items!.push(item.pos);
          size += item.size;
        }
        this.i++;
        return this.remember(ev, { value, pos, size });
      }
      case EVENT_ID.MAPPING: {
        this.i++;
        return this.remember(ev, this.mapping(offset));
      }
      default:
        throw new ComposeError('unexpected parser event', offset);
    }
  }

  private remember(ev: { anchorStart: number; anchorEnd: number }, built: Built): Built {
    const name = this.anchorName(ev);
    if (name !== undefined) this.anchors.set(name, built);
    return built;
  }

  private scalar(ev: ScalarEvent, offset: number): Built {
    const text = getScalarValue(this.source, ev);
    const tag = ev.tagStart >= 0 ? this.source.slice(ev.tagStart, ev.tagEnd) : undefined;
    const v = resolveScalar(text, ev.style, tag);
    if (typeof v === 'object' && v !== null) throw new ComposeError(v.error, offset);
    if (typeof v === 'number' && !Number.isFinite(v)) throw new ComposeError(`json: unsupported value: ${text}`, offset);
    const isMerge = ev.style === SCALAR_STYLE.PLAIN && !tag && text === '<<';
    return { value: v, pos: this.posAt(offset), size: 1, scalar: v, isMerge };
  }

  private mapping(offset: number): Built {
    const value: Record<string, JsonValue> = {};
    const pos: PosNode = { ...this.posAt(offset), keys: [], values: [] };
    const seen = new Set<string>();
    const merges: Built[] = [];
    let size = 1;
    while (this.events[this.i]!.type !== EVENT_ID.POP) {
      const keyOffset = this.startOf(this.events[this.i]!);
      const k = this.node();
      const v = this.node();
      size += k.size + v.size;
      if (k.isMerge) {
        merges.push(v);
        continue;
      }
      if (k.scalar === undefined) throw new ComposeError('invalid map key: a mapping key must be a scalar', keyOffset);
      const key = keyString(k.scalar);
      if (seen.has(key)) {
        const { line } = this.lines.at(keyOffset);
        throw new ComposeError(`unmarshal errors: line ${line}: key ${JSON.stringify(key)} already set in map`, keyOffset);
      }
      seen.add(key);
      setOwn(value, key, v.value);
      const kp = this.lines.at(keyOffset);
      pos.keys!.push(key);
      pos.values!.push({ ...v.pos, keyLine: kp.line, keyColumn: kp.column });
    }
    this.i++;
    for (const m of merges) this.merge(value, pos, seen, m, size);
    return { value, pos, size };
  }

  /** `<<: *base` or `<<: [*a, *b]`: keys not set explicitly come from the merged mappings, earlier ones first. */
  private merge(value: Record<string, JsonValue>, pos: PosNode, seen: Set<string>, m: Built, size: number): void {
    const sources: { v: JsonValue; p: PosNode }[] = Array.isArray(m.value)
      ? m.value.map((v, idx) => ({ v, p: m.pos.items?.[idx] ?? m.pos }))
      : [{ v: m.value, p: m.pos }];
    for (const { v, p } of sources) {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) {
        throw new ComposeError('map merge requires map or sequence of maps as the value', this.lines.lineStart(m.pos.line));
      }
      for (const k of Object.keys(v)) {
        if (seen.has(k)) continue;
        seen.add(k);
        this.expanded += 1;
        if (this.expanded > MAX_ALIAS_EXPANSION + size) throw new ComposeError('document contains excessive aliasing', this.lines.lineStart(m.pos.line));
        setOwn(value, k, v[k] as JsonValue);
        const idx = p.keys?.indexOf(k) ?? -1;
        pos.keys!.push(k);
        pos.values!.push(idx >= 0 ? p.values![idx]! : p);
      }
    }
  }
}
