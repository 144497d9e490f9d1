/**
 * A large text as a Blob without one long main-thread task: each slice is UTF-8 encoded in its own task (a saved
 * world is MBs; encoding it at once took ~35 ms every time a fresh frame was saved), and the slices' Blobs are joined
 * by reference.
 */
const SLICE = 1 << 20;

const yieldToBrowser = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export async function blobInSlices(text: string, type = 'application/json', slice = SLICE): Promise<Blob> {
  if (text.length <= slice) return new Blob([text], { type });
  const parts: Blob[] = [];
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + slice);
    // Never cut between the two halves of a surrogate pair (each half alone would encode as U+FFFD).
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    parts.push(new Blob([text.slice(at, end)]));
    at = end;
    if (at < text.length) await yieldToBrowser();
  }
  return new Blob(parts, { type });
}
