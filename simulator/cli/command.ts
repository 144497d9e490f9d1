/** One CLI command: a name, a one-line summary, and a run function returning the exit status. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}
