import { load } from 'js-yaml';

/** YAML → a loosely typed value for test fixtures (the engine parses with located errors instead). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function parse(text: string): any {
  return load(text);
}
