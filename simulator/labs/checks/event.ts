/** `event`: the sandbox's event log holds an event (optionally one recorded before another). */
import type { SimEvent } from '../../core/eventLog.js';
import type { Sandbox } from '../../sandbox.js';
import type { EventCheck, EventMatch } from '../types.js';
import type { Verdict } from './object.js';

function matches(e: SimEvent, m: EventMatch): boolean {
  return (
    e.reason === m.reason &&
    (m.kind === undefined || e.involvedObject.kind === m.kind) &&
    (m.name === undefined || e.involvedObject.name === m.name) &&
    (m.messageMatches === undefined || new RegExp(m.messageMatches).test(e.message))
  );
}

const describe = (m: EventMatch): string =>
  `${m.reason} event${m.kind || m.name ? ` for ${m.kind ?? ''}${m.kind && m.name ? '/' : ''}${m.name ?? ''}` : ''}${m.messageMatches ? ` matching /${m.messageMatches}/` : ''}`;

export function checkEvent(sandbox: Sandbox, c: EventCheck): Verdict {
  const events = sandbox.log.all();
  const i = events.findIndex((e) => matches(e, c));
  if (i < 0) {
    const sameReason = events.filter((e) => e.reason === c.reason);
    const hint = sameReason.length > 0 ? ` (${sameReason.length} ${c.reason} event(s) for other objects or messages, e.g. ${sameReason[0]!.involvedObject.kind}/${sameReason[0]!.involvedObject.name}: ${sameReason[0]!.message})` : '';
    return { ok: false, reason: `no ${describe(c)} recorded${hint}` };
  }
  const at = `${describe(c)} at ${new Date(events[i]!.t).toISOString()}`;
  if (!c.before) return { ok: true, reason: `${at}: ${events[i]!.message}` };
  const j = events.findIndex((e) => matches(e, c.before!));
  if (j < 0) return { ok: false, reason: `${at}, but no ${describe(c.before)} recorded to come after it` };
  if (i > j) return { ok: false, reason: `${describe(c.before)} was recorded first (${new Date(events[j]!.t).toISOString()}), before the ${describe(c)}` };
  return { ok: true, reason: `${at}, before the ${describe(c.before)}` };
}
