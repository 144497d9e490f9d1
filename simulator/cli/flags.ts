/** Flag parsing shared by the commands: node's `parseArgs` with errors as values, and the common flags. */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';

export type Parsed<T> = { ok: true; options: T } | { ok: false; error: string };

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

type FlagSpec = NonNullable<ParseArgsConfig['options']>;

/** Strict flags plus positionals; an unknown flag or a missing value is an error, not a throw. */
export function parseFlags<const F extends FlagSpec>(args: string[], flags: F) {
  try {
    return { ok: true as const, ...parseArgs({ args, options: flags, allowPositionals: true, strict: true }) };
  } catch (err) {
    return { ok: false as const, error: errorText(err) };
  }
}

/** `--seed N`: a non-negative integer, 1 when absent. */
export function parseSeed(raw: string | undefined): { ok: true; seed: number } | { ok: false; error: string } {
  const seed = raw === undefined ? 1 : Number(raw);
  if (!Number.isInteger(seed) || seed < 0) return { ok: false, error: `invalid --seed "${raw}": expected a non-negative integer` };
  return { ok: true, seed };
}
