/**
 * Share links: `#share=` + base64url(deflate-raw(JSON of the workspace document)). Browsers' CompressionStream does
 * the deflate, so nothing is added to the bundle.
 */
import { parseWorkspace } from './format';
import type { WorkspaceDocument } from './format';

export const SHARE_PREFIX = '#share=';
/** Longer URLs break in some browsers, chat tools and servers: warn, and offer the file export instead. */
export const SHARE_URL_WARN_CHARS = 8_000;

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The `#share=…` fragment for a document. */
export async function encodeShare(doc: WorkspaceDocument): Promise<string> {
  const packed = await pipe(new TextEncoder().encode(JSON.stringify(doc)), new CompressionStream('deflate-raw'));
  return SHARE_PREFIX + toBase64Url(packed);
}

/** The document in a `#share=…` fragment (throws a readable error for a damaged link). */
export async function decodeShare(hash: string): Promise<WorkspaceDocument> {
  const payload = hash.startsWith(SHARE_PREFIX) ? hash.slice(SHARE_PREFIX.length) : hash;
  let text: string;
  try {
    text = new TextDecoder().decode(await pipe(fromBase64Url(payload), new DecompressionStream('deflate-raw')));
  } catch {
    throw new Error('this share link is damaged (it does not decompress); ask for a new link or the exported file');
  }
  return parseWorkspace(text);
}
