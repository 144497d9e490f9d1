/** The CLI's command table: each command lives in its own file under commands/. */
import type { CliCommand } from './command.js';

export const COMMANDS: CliCommand[] = [];
