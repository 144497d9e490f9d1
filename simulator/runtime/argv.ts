/** A container's effective argv, built the way the container runtime does (shared by planContainer and preparePlan). */
import { expandKubeVars } from './expand.js';
import { imageProfile } from './images.js';
import type { ImageProfile } from './images.js';
import type { ContainerInput } from './plan.js';

export interface ResolvedArgv {
  env: Map<string, string>;
  profile: ImageProfile;
  /** `$(VAR)`-expanded command / args; undefined when not set (or empty) in the spec. */
  command: string[] | undefined;
  args: string[] | undefined;
  argv: string[];
}

export function resolveArgv(input: ContainerInput): ResolvedArgv {
  const env = new Map<string, string>();
  for (const e of input.env ?? []) env.set(e.name, e.value);
  const profile = imageProfile(input.image);
  // A JSON null in a []string decodes to "" in the API server (Go's zero value): the process gets an empty word.
  const word = (s: unknown): string => expandKubeVars(typeof s === 'string' ? s : '', env);
  const command = input.command && input.command.length > 0 ? input.command.map(word) : undefined;
  const args = input.args && input.args.length > 0 ? input.args.map(word) : undefined;
  // Like the container runtime: command replaces ENTRYPOINT (and drops CMD); args replace CMD.
  const argv = command ? [...command, ...(args ?? [])] : [...profile.entrypoint, ...(args ?? profile.cmd)];
  return { env, profile, command, args, argv };
}
