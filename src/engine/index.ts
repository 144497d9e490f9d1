/** The UI's side of the engine: the worker handle hook and how engine errors read. */
export { useEngine } from './useEngine';
export type { Engine, EngineState } from './useEngine';
export { formatError } from './formatError';
