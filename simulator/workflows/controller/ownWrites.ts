/**
 * The controller's own status writes need no reconcile of their own (the next one comes from pods,
 * timers or users). Store watches fire synchronously inside the write, so the write is flagged
 * while it happens.
 */
let writing: string | undefined;

export function ownWrite<T>(key: string, write: () => T): T {
  writing = key;
  try {
    return write();
  } finally {
    writing = undefined;
  }
}

export function isOwnWrite(key: string): boolean {
  return writing === key;
}
