/**
 * isomorphic-git and sha.js use the global `Buffer`. Node has it; a browser Web Worker does not, so we
 * install the `buffer` package's implementation there (in Node, `buffer` is the built-in module).
 */
import { Buffer } from 'buffer';

const g = globalThis as { Buffer?: unknown };
if (g.Buffer === undefined) g.Buffer = Buffer;
