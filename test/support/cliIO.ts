/** A CliIO for command tests: records stdout and stderr; the wall clock is fixed so runs repeat. */
import type { CliIO } from '../../simulator/cli/command.js';

export interface CapturedIO {
  io: CliIO;
  stdout(): string;
  stderr(): string;
  /** Both streams, interleaved as written. */
  all(): string;
}

export function captureIO(wallClock = Date.UTC(2025, 5, 1)): CapturedIO {
  let out = '';
  let err = '';
  let all = '';
  return {
    io: {
      stdout: (t) => {
        out += t;
        all += t;
      },
      stderr: (t) => {
        err += t;
        all += t;
      },
      wallClock: () => wallClock,
    },
    stdout: () => out,
    stderr: () => err,
    all: () => all,
  };
}
