/** The views' data source: simulation or real cluster (context, switch, and real objects mapped to the views' rows). */
export { RealSourceContext, RealSourceProvider, useRealSource } from './context';
export type { DataSource, RealSource } from './context';
export { SourceSwitch } from './SourceSwitch';
export { withRealSource } from './withRealSource';
