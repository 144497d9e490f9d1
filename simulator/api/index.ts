/** Kubernetes-compatible HTTP API over the simulator (so the real kubectl can talk to it). */
export { startApiServer } from './server.js';
export type { ApiServer, ApiServerOptions } from './server.js';
export { toTable, formatTable, printerFor, podSummary, humanDuration } from './tables/index.js';
export type { Table, TableRow, TableCell, TableColumnDefinition, PrinterColumn, ToTableOptions, TableKind } from './tables/index.js';
