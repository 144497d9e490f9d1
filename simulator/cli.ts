/**
 * `argo-sandbox <command>`: the headless CLI (tests, CI graders, instructors). The process entry that
 * hands it argv, stdout/stderr and the wall clock is `bin/main.ts`.
 */
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
