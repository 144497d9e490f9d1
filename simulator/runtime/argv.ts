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

/** `$(VAR)`-expanded words (a plain loop: a closure per call is costly on this hot path). */
function words(list: readonly string[], env: ReadonlyMap<string, string>): string[] {
  const out = new Array<string>(list.length);
  for (let i = 0; i < list.length; i++) {
    const s: unknown = list[i];
    // A JSON null in a []string decodes to "" in the API server (Go's zero value): the process gets an empty word.
    out[i] = expandKubeVars(typeof s === 'string' ? s : '', env);
  }
  return out;
}

export function resolveArgv(input: ContainerInput): ResolvedArgv {
  const env = new Map<string, string>();
  for (const e of input.env ?? []) env.set(e.name, e.value);
  const profile = imageProfile(input.image);
  const command = input.command && input.command.length > 0 ? words(input.command, env) : undefined;
  const args = input.args && input.args.length > 0 ? words(input.args, env) : undefined;
  // Like the container runtime: command replaces ENTRYPOINT (and drops CMD); args replace CMD.
  const argv = command ? [...command, ...(args ?? [])] : [...profile.entrypoint, ...(args ?? profile.cmd)];
  return { env, profile, command, args, argv };
}
