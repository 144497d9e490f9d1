/** Narrowing helpers for reading decoded objects. */
import { isObj } from '../types.js';

export type Obj = Record<string, unknown>;

export const objAt = (o: Obj | undefined, k: string): Obj | undefined => (o && isObj(o[k]) ? (o[k] as Obj) : undefined);
export const listAt = (o: Obj | undefined, k: string): unknown[] | undefined => (o && Array.isArray(o[k]) ? (o[k] as unknown[]) : undefined);
export const strAt = (o: Obj | undefined, k: string): string | undefined => (o && typeof o[k] === 'string' ? (o[k] as string) : undefined);
export const numAt = (o: Obj | undefined, k: string): number | undefined => (o && typeof o[k] === 'number' ? (o[k] as number) : undefined);
