export { parseManifests } from './parse.js';
export type { ParsedManifest, ParseResult } from './parse.js';
export { locate, locateIn, locateApiError, locateApiCauses } from './locate.js';
export type { Located } from './locate.js';
export { parsePath, formatPath, findPosition, LineIndex } from './positions.js';
export type { PosNode, PathSegment } from './positions.js';
export * from './limits.js';
export { diagnose } from './diagnose.js';
export type { Diagnostic } from './diagnose.js';
