export { parseManifests } from './parse.js';
export type { ParsedManifest, ParseResult } from './parse.js';
