/**
 * The process entry for `argo-sandbox` (`bin/argo-sandbox.mjs`, `npm run sandbox`): the only place the
 * CLI meets the real world — argv, stdout/stderr, the wall clock and the exit code.
 */
import { main } from '../simulator/cli.js';

main(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  wallClock: () => Date.now(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`argo-sandbox: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
