#!/usr/bin/env node
/** `argo-sandbox <command>`: the headless entry point (tests, CI graders, instructors). */
import { COMMANDS } from './cli/commands.js';
import type { CliIO } from './cli/command.js';

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd || name === 'help' || name === '--help' || name === '-h') {
    const lines = ['Usage: argo-sandbox <command> [options]', '', 'Commands:'];
    for (const c of COMMANDS) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
    (cmd || !name || name === 'help' || name === '--help' || name === '-h' ? io.stdout : io.stderr)(lines.join('\n') + '\n');
    return name && !['help', '--help', '-h'].includes(name) ? 2 : 0;
  }
  return cmd.run(rest, io);
}

const isEntry = typeof process !== 'undefined' && process.argv[1] !== undefined && /cli\.(ts|js|mjs)$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`argo-sandbox: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
