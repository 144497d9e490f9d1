/** One CLI command: a name, a one-line summary, and a run function returning the exit status. */
import type { Parsed } from './flags.js';

export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The real world a command may use; the process entry (`bin/main.ts`) provides it. */
export interface CliIO extends CliOutput {
  /** Wall-clock ms, for commands that tie virtual time to real time (`serve`); the engine never reads it. */
  wallClock(): number;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

/** A command whose arguments parse to options first: `--help` prints the usage; bad arguments exit 2 with it. */
export function commandWithOptions<T>(def: {
  name: string;
  summary: string;
  usage: string;
  parse(args: string[]): Parsed<T>;
  execute(options: T, io: CliIO): Promise<number>;
}): CliCommand {
  return {
    name: def.name,
    summary: def.summary,
    usage: def.usage,
    async run(args, io) {
      if (args.includes('--help') || args.includes('-h')) {
        io.stdout(def.usage);
        return 0;
      }
      const parsed = def.parse(args);
      if (!parsed.ok) {
        io.stderr(`error: ${parsed.error}\n\n${def.usage}`);
        return 2;
      }
      return def.execute(parsed.options, io);
    },
  };
}
