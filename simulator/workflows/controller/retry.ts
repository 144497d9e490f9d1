/** retryStrategy (operator.go processNodeRetries): policies, limit, backoff in virtual time, expression. */
import { parseDuration } from '../../core/clock.js';
import { evaluateExpression } from '../params/expr.js';
import { fulfilled, failedOrError } from '../nodes/types.js';
import type { NodeStatus, RetryStrategy } from '../nodes/types.js';
import type { Woc } from './woc.js';

function durationMs(v: string | number | undefined): number {
  if (v === undefined || v === '') return 0;
  if (typeof v === 'number') return v * 1000;
  return parseDuration(v);
}

function isTransient(message: string | undefined): boolean {
  return /transient|connection refused|timeout|exceeded quota|etcdserver: request timed out|i\/o timeout|EOF/i.test(message ?? '');
}

function seconds(node: NodeStatus): string {
  if (!node.startedAt || !node.finishedAt) return '0';
  return String((Date.parse(node.finishedAt) - Date.parse(node.startedAt)) / 1000);
}

/** Retry children in order (`name(0)`, `name(1)`, … ; hooks excluded). */
export function retryChildren(woc: Woc, node: NodeStatus): NodeStatus[] {
  const out: NodeStatus[] = [];
  for (const id of node.children ?? []) {
    const c = woc.get(id);
    if (c && !c.nodeFlag?.hooked) out.push(c);
  }
  return out;
}

/** Returns whether to go on and run (or keep running) an attempt. */
export function processNodeRetries(woc: Woc, node: NodeStatus, rs: RetryStrategy): boolean {
  if (fulfilled(node.phase)) return false;
  const children = retryChildren(woc, node);
  const last = children[children.length - 1];
  if (!last) return true;
  if (!fulfilled(last.phase)) return true;
  if (!failedOrError(last.phase)) {
    node.outputs = last.outputs;
    woc.markNode(node, last.phase === 'Succeeded' ? 'Succeeded' : last.phase, '');
    return false;
  }
  if (woc.spec.shutdown) {
    woc.markNode(node, last.phase, `Stopped with strategy '${woc.spec.shutdown}'`);
    return false;
  }
  const policy = rs.retryPolicy ?? 'OnFailure';
  const retryable =
    policy === 'Always' ||
    (policy === 'OnFailure' && last.phase === 'Failed') ||
    (policy === 'OnError' && last.phase === 'Error') ||
    (policy === 'OnTransientError' && last.phase === 'Error' && isTransient(last.message));
  if (!retryable) {
    woc.markNode(node, last.phase, last.message ?? '');
    return false;
  }
  if (rs.expression) {
    const env = {
      'lastRetry.exitCode': last.outputs?.exitCode ?? '-1',
      'lastRetry.status': last.phase,
      'lastRetry.duration': seconds(last),
      'lastRetry.message': last.message ?? '',
    };
    let ok = false;
    try {
      ok = evaluateExpression(rs.expression, env) === true;
    } catch (e) {
      woc.markNode(node, 'Error', e instanceof Error ? e.message : String(e));
      return false;
    }
    if (!ok) {
      woc.markNode(node, last.phase, last.message ?? '');
      return false;
    }
  }
  const limit = rs.limit === undefined ? undefined : Number(rs.limit);
  if (limit !== undefined && children.length > limit) {
    woc.markNode(node, last.phase, 'No more retries left');
    return false;
  }
  const backoff = rs.backoff;
  if (backoff && backoff.duration !== undefined) {
    const base = durationMs(backoff.duration);
    const factor = backoff.factor === undefined ? 2 : Number(backoff.factor);
    let wait = base * Math.pow(factor, children.length - 1);
    if (backoff.cap) wait = Math.min(wait, durationMs(backoff.cap));
    const first = children[0] as NodeStatus;
    if (backoff.maxDuration) {
      const max = durationMs(backoff.maxDuration);
      if (first.startedAt && woc.now() - Date.parse(first.startedAt) + wait > max) {
        woc.markNode(node, last.phase, 'Max duration limit exceeded');
        return false;
      }
    }
    const due = Date.parse(last.finishedAt ?? woc.iso()) + wait;
    if (woc.now() < due) {
      woc.requeue(due - woc.now());
      woc.markNode(node, 'Running', `Backoff for ${goDuration(wait)}`);
      return false;
    }
    if (node.message?.startsWith('Backoff for')) woc.markNode(node, 'Running', '');
  }
  return true;
}

/** Go's time.Duration String for whole milliseconds: `10s`, `1m30s`, `1h0m0s`. */
function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  let s = ms / 1000;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const sec = Number.isInteger(s) ? `${s}s` : `${s.toFixed(3).replace(/0+$/, '')}s`;
  if (h > 0) return `${h}h${m}m${sec}`;
  if (m > 0) return `${m}m${sec}`;
  return sec;
}
