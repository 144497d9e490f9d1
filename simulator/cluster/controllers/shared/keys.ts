/**
 * Watch mappers' answers. A mapper runs for every write of its kinds (every write in the cluster for the
 * `*` watchers) and most answers are "none" or the same one key again; the sandbox only reads them, so
 * those are shared frozen arrays instead of one new array per write.
 */

/** No keys (frozen: a caller that pushed to it would throw rather than corrupt every later answer). */
export const NO_KEYS: string[] = Object.freeze([]) as unknown as string[];

/**
 * `[key]` for a key made of two parts, remembered for the last pair: a workflow's pods all wake the same
 * key. `build` makes the key text; it runs again only when a part changes.
 */
export class LastKey {
  private a: string | undefined;
  private b: string | undefined;
  private keys: string[] = NO_KEYS;

  constructor(private readonly build: (a: string, b: string) => string) {}

  of(a: string, b: string): string[] {
    if (a !== this.a || b !== this.b) {
      this.a = a;
      this.b = b;
      this.keys = Object.freeze([this.build(a, b)]) as unknown as string[];
    }
    return this.keys;
  }
}
