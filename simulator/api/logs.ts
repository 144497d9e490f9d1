/** `GET pods/NAME/log`: container logs from `sandbox.podLogs`, with follow streaming while it runs. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LogLine } from '../cluster/podLogs.js';
import type { StoredObject } from '../cluster/types.js';
import { ApiError } from '../core/errors.js';
import { queryFlag, queryInt } from './context.js';
import type { ApiContext } from './context.js';
import type { ResourceRoute } from './route.js';
import { arr, rec, str } from './tables/types.js';

/** The kubelet's log timestamp format: RFC 3339 with nine fractional digits. */
export function logTimestamp(t: number): string {
  return new Date(t).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

function pickContainer(pod: StoredObject, requested: string | null): string {
  const spec = rec(pod.spec);
  const main = arr(spec.containers).map((c) => str(c.name));
  const init = arr(spec.initContainers).map((c) => str(c.name));
  const ephemeral = arr(spec.ephemeralContainers).map((c) => str(c.name));
  const name = pod.metadata.name;
  if (requested) {
    if (![...main, ...init, ...ephemeral].includes(requested)) throw new ApiError('BadRequest', `container ${requested} is not valid for pod ${name}`);
    return requested;
  }
  if (main.length === 1) return main[0]!;
  let msg = `a container name must be specified for pod ${name}, choose one of: [${main.join(' ')}]`;
  if (init.length > 0) msg += ` or one of the init containers: [${init.join(' ')}]`;
  throw new ApiError('BadRequest', msg);
}

function containerStatus(pod: StoredObject, container: string): Record<string, unknown> | undefined {
  const st = rec(pod.status);
  return [...arr(st.initContainerStatuses), ...arr(st.containerStatuses), ...arr(st.ephemeralContainerStatuses)].find((c) => c.name === container);
}

function waitingAfterRun(pod: StoredObject, container: string): boolean {
  const cs = containerStatus(pod, container);
  return !!cs && rec(cs.state).waiting !== undefined && rec(cs.lastState).terminated !== undefined;
}

/** The kubelet's `validateContainerLogStatus`: which container instance has logs, or why none does. */
function checkLogStatus(pod: StoredObject, container: string, previous: boolean): void {
  const name = pod.metadata.name;
  if (!str(rec(pod.spec).nodeName)) throw new ApiError('BadRequest', `pod ${name} does not have a host assigned`);
  const cs = containerStatus(pod, container);
  if (!cs) throw new ApiError('BadRequest', `container "${container}" in pod "${name}" is not available`);
  const state = rec(cs.state);
  const last = rec(cs.lastState);
  if (previous) {
    if (last.terminated === undefined) throw new ApiError('BadRequest', `previous terminated container "${container}" in pod "${name}" not found`);
    return;
  }
  if (state.running !== undefined || state.terminated !== undefined || last.terminated !== undefined) return;
  const reason = str(rec(state.waiting).reason);
  if (reason === 'ErrImagePull') throw new ApiError('BadRequest', `container "${container}" in pod "${name}" is waiting to start: image can't be pulled`);
  if (reason === 'ImagePullBackOff') throw new ApiError('BadRequest', `container "${container}" in pod "${name}" is waiting to start: trying and failing to pull image`);
  if (state.waiting !== undefined) throw new ApiError('BadRequest', `container "${container}" in pod "${name}" is waiting to start: ${reason}`);
  throw new ApiError('BadRequest', `container "${container}" in pod "${name}" is waiting to start - no logs yet`);
}

function isTerminated(pod: StoredObject | undefined, container: string): boolean {
  if (!pod) return true;
  const cs = containerStatus(pod, container);
  return !!cs && rec(cs.state).terminated !== undefined;
}

export function serveLogs(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, route: ResourceRoute, q: URLSearchParams): void {
  const store = ctx.sandbox.store;
  const key = { apiVersion: 'v1', kind: 'Pod', namespace: route.namespace, name: route.name ?? '' };
  const pod = store.mustGet(key);
  const ns = pod.metadata.namespace ?? 'default';
  const container = pickContainer(pod, q.get('container'));
  const previous = q.get('previous') === 'true';
  const logs = ctx.sandbox.podLogs;
  // While a container waits to restart (CrashLoopBackOff) its latest run is still the current log
  // instance, and it is also what --previous means, as with the real kubelet.
  const readPrevious = previous && !waitingAfterRun(pod, container);
  checkLogStatus(pod, container, previous);
  const timestamps = q.get('timestamps') === 'true';
  const sinceSeconds = queryInt(q, 'sinceSeconds');
  const sinceTimeText = q.get('sinceTime');
  let sinceTime: number | undefined;
  if (sinceSeconds !== undefined) sinceTime = ctx.sandbox.now() - sinceSeconds * 1000;
  else if (sinceTimeText) sinceTime = Date.parse(sinceTimeText);
  const tailLines = queryInt(q, 'tailLines');
  const limitBytes = queryInt(q, 'limitBytes');
  const format = (l: LogLine): string => (timestamps ? `${logTimestamp(l.t)} ${l.text}\n` : `${l.text}\n`);

  let out = logs
    .read(ns, pod.metadata.name, container, { previous: readPrevious, sinceTime, tailLines: tailLines !== undefined && tailLines >= 0 ? tailLines : undefined })
    .map(format)
    .join('');
  if (limitBytes !== undefined && limitBytes > 0) out = Buffer.from(out).subarray(0, limitBytes).toString('utf8');
  const follow = q.get('follow') === 'true' && !previous;
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  res.write(out);
  // Only a running container has more to say; a terminated one or one waiting to restart ends here.
  if (!follow || rec(containerStatus(pod, container)?.state).running === undefined) {
    res.end();
    return;
  }
  // Follow: every pump tick writes the lines appended since, until the container stops or the pod goes.
  let written = logs.read(ns, pod.metadata.name, container).length;
  const uid = pod.metadata.uid;
  const flush = (): void => {
    const lines = logs.read(ns, pod.metadata.name, container);
    if (lines.length < written) written = 0; // a new container instance (restart)
    if (lines.length > written) res.write(lines.slice(written).map(format).join(''));
    written = lines.length;
    const live = store.get(key);
    if (!live || live.metadata.uid !== uid || isTerminated(live, container)) stop();
  };
  const unsubscribe = ctx.onTick(flush);
  const stop = (): void => {
    unsubscribe();
    if (!res.writableEnded) res.end();
  };
  req.on('close', stop);
}
