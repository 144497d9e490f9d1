/** Input limits: every one ends in a clear error, never a hang or an out-of-memory crash. */

/** The API server's request body limit (`--max-request-bytes` default, 3 MiB). */
export const MAX_DOCUMENT_BYTES = 3 * 1024 * 1024;
/** Whole input file: generous, but bounded so a runaway generator cannot exhaust memory. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Collection nesting depth (Kubernetes objects rarely go past 20). */
export const MAX_DEPTH = 128;
/** Alias nodes (`*ref`) per document. */
export const MAX_ALIASES = 10_000;
/** Nodes copied in through aliases and merge keys per document: stops "billion laughs" bombs. */
export const MAX_ALIAS_EXPANSION = 100_000;
/** Items a `kind: List` may expand to. */
export const MAX_LIST_ITEMS = 100_000;
