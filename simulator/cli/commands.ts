/** The CLI's command table: each command lives in its own file under commands/. */
import type { CliCommand } from './command.js';
import { runCommand } from './commands/run.js';
import { serveCommand } from './commands/serve.js';
import { lintCommand } from './commands/lint.js';
import { argocdCommand } from './commands/argocd.js';
import { labCommand } from './commands/lab.js';
import { scenarioCommand } from './commands/scenario.js';
import { realCommand } from './commands/real.js';

export const COMMANDS: CliCommand[] = [runCommand, serveCommand, lintCommand, argocdCommand, labCommand, scenarioCommand, realCommand];
