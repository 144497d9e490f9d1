/**
 * Event texts the kubelet writes for every pod alike (`Created container main`, the image already
 * present…), built once each: the event log and the Event objects keep every message, so one shared
 * string replaces a copy per event (less to build, keep and copy in the young generation).
 */
import { startWhy as buildStartWhy } from './why.js';
import type { PodSpec } from './types.js';

const MAX = 1024;

/** The value of `key` in `cache`, made once (the cache is emptied, not grown, past MAX entries). */
function once<K>(cache: Map<K, string>, key: K, text: string | undefined): string | undefined {
  if (text !== undefined) {
    if (cache.size >= MAX) cache.clear();
    cache.set(key, text);
  }
  return text;
}

const created = new Map<string, string>();
const started = new Map<string, string>();

export function createdMessage(container: string): string {
  return created.get(container) ?? once(created, container, `Created container ${container}`)!;
}

export function startedMessage(container: string): string {
  return started.get(container) ?? once(started, container, `Started container ${container}`)!;
}

const presentMessages = new Map<string, string>();
/** By pull policy, then image. */
const presentWhys = new Map<string, Map<string, string>>();

/** The Pulled event of an image the node has: message and why. */
export function presentMessage(image: string): string {
  return presentMessages.get(image) ?? once(presentMessages, image, `Container image "${image}" already present on machine`)!;
}

export function presentWhy(policy: string, image: string): string {
  let byImage = presentWhys.get(policy);
  if (byImage === undefined) {
    if (presentWhys.size >= MAX) presentWhys.clear();
    presentWhys.set(policy, (byImage = new Map()));
  }
  return byImage.get(image) ?? once(byImage, image, `imagePullPolicy ${policy} and the node already has "${image}" (an earlier pod pulled it), so there is no pull.`)!;
}

/** First starts only (a restart's text counts restarts), by role, position and number of init containers. */
const firstStartWhys = new Map<number, string>();

export function startWhy(spec: PodSpec, e: { init: boolean; sidecar: boolean; order: number }, restarts: number): string {
  const inits = spec.initContainers?.length ?? 0;
  if (restarts > 0 || e.order >= 1000 || inits >= 1000) return buildStartWhy(spec, e, restarts);
  // A small integer key (no text to build for the lookup).
  const key = ((e.sidecar ? 2 : e.init ? 1 : 0) * 1000 + e.order) * 1000 + inits;
  return firstStartWhys.get(key) ?? once(firstStartWhys, key, buildStartWhy(spec, e, restarts))!;
}

/** By node, then how it fit: the scheduler's `why` of its Scheduled event. */
const scheduledWhys = new Map<string, Map<string, string>>();

export function scheduledWhy(node: string, fit: string): string {
  let byFit = scheduledWhys.get(node);
  if (byFit === undefined) {
    if (scheduledWhys.size >= MAX) scheduledWhys.clear();
    scheduledWhys.set(node, (byFit = new Map()));
  }
  return byFit.get(fit) ?? once(byFit, fit, `The pod had no spec.nodeName, so the scheduler bound it to ${node}, the first node that ${fit}; that node's kubelet now runs it.`)!;
}
