/** Running the CLI in tests: throwaway case folders, and `main(argv)` with its output captured. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { main } from '../../simulator/cli.js';
import { captureIO } from './cliIO.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `argo-sandbox ...argv`, captured (fixed wall clock, see captureIO). */
export async function runCli(...argv: string[]): Promise<CliResult> {
  const c = captureIO();
  const code = await main(argv, c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
}

/**
 * A maker of case folders under one temp root, removed after the calling test file: each call writes
 * `{relative path: text}` into a fresh `case-N` folder and returns its path. Call at a test file's top level.
 */
export function caseFolders(prefix: string): (contents: Record<string, string>) => string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let n = 0;
  return (contents) => {
    const dir = join(root, `case-${n++}`);
    for (const [name, text] of Object.entries(contents)) {
      const p = join(dir, name);
      mkdirSync(join(p, '..'), { recursive: true });
      writeFileSync(p, text);
    }
    return dir;
  };
}
