/** Node ids and pod names exactly as Argo derives them (Workflow.NodeID, util.GeneratePodName v2). */

/** FNV-1a 32-bit over the UTF-8 bytes of `s` (Go's hash/fnv New32a). */
export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  let ascii = true;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) ascii = false;
  if (ascii) {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }
  const bytes = new TextEncoder().encode(s);
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i] as number;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Per node name: its hash, and the id last built from it (the same string object for every lookup). */
interface IdEntry {
  h: number;
  wf: string;
  id: string;
}
const idCache = new Map<string, IdEntry>();

/** The memoised entry of a node name (a pure function of the name; bounded because every reconcile looks nodes up by name). */
function entryOf(nodeName: string): IdEntry {
  let e = idCache.get(nodeName);
  if (e === undefined) {
    if (idCache.size > 200_000) idCache.clear();
    idCache.set(nodeName, (e = { h: fnv32a(nodeName), wf: '', id: '' }));
  }
  return e;
}

/** The root node's id is the workflow name; every other node is `<wf>-<fnv32a(name)>`. */
export function nodeId(wfName: string, nodeName: string): string {
  if (nodeName === wfName) return wfName;
  const e = entryOf(nodeName);
  // One string per id: no concatenation per lookup, and its hash is computed once for the map lookups.
  if (e.wf !== wfName || e.id === '') {
    e.wf = wfName;
    e.id = `${wfName}-${e.h}`;
  }
  return e.id;
}

const MAX_PREFIX = 253 - 10;

/** Pod name v2: `<wf>-<template>-<fnv32a(nodeName)>`, prefix capped so the name stays ≤ 253. */
export function podName(wfName: string, nodeName: string, templateName: string): string {
  if (wfName === nodeName) return wfName;
  let prefix = templateName ? `${wfName}-${templateName}` : wfName;
  if (prefix.length > MAX_PREFIX - 1) prefix = prefix.slice(0, MAX_PREFIX - 1);
  return `${prefix}-${entryOf(nodeName).h}`;
}

/** Names of the handler nodes Argo creates (common.GenerateOnExitNodeName). */
export const onExitNodeName = (parent: string): string => `${parent}.onExit`;
