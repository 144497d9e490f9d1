/**
 * Typed access to worker features from the main thread. Only the feature table's TYPE is imported, so no worker
 * code lands in the main bundle.
 *
 *   const app = useQuery(engine, view, 'apps', 'get', 'guestbook');   // re-read on every pushed view
 *   await action(engine, 'apps', 'sync', 'guestbook', { prune: true }); // journaled, replayable
 */
import { useEffect, useState } from 'react';
import type { Features } from '../worker/features/index';
import type { FeatureHost } from '../worker/features/types';
import type { ViewModel } from '../worker/protocol';
import type { Engine } from './useEngine';

type Calls<F extends keyof Features, K extends 'queries' | 'actions'> = Features[F][K];
type ArgsOf<C> = C extends (host: FeatureHost, ...args: infer A) => unknown ? A : never;
type ResultOf<C> = C extends (...args: never) => infer R ? Awaited<R> : never;

/** Run a query once. */
export async function query<F extends keyof Features, M extends keyof Calls<F, 'queries'> & string>(
  engine: Engine,
  feature: F,
  method: M,
  ...args: ArgsOf<Calls<F, 'queries'>[M]>
): Promise<ResultOf<Calls<F, 'queries'>[M]>> {
  return (await engine.call(feature, method, args)) as ResultOf<Calls<F, 'queries'>[M]>;
}

/** Run an action: it changes the world and is journaled with its virtual time. */
export async function action<F extends keyof Features, M extends keyof Calls<F, 'actions'> & string>(
  engine: Engine,
  feature: F,
  method: M,
  ...args: ArgsOf<Calls<F, 'actions'>[M]>
): Promise<ResultOf<Calls<F, 'actions'>[M]>> {
  return (await engine.call(feature, method, args)) as ResultOf<Calls<F, 'actions'>[M]>;
}

/**
 * A query kept fresh: re-run whenever the worker pushes a new view (at most ~10×/s) or the arguments change.
 * `undefined` until the first answer arrives; errors are returned as `{ error }` for the view to show.
 */
export function useQuery<F extends keyof Features, M extends keyof Calls<F, 'queries'> & string>(
  engine: Engine | null,
  view: ViewModel | null,
  feature: F,
  method: M,
  ...args: ArgsOf<Calls<F, 'queries'>[M]>
): { data?: ResultOf<Calls<F, 'queries'>[M]>; error?: string } {
  const [state, setState] = useState<{ data?: ResultOf<Calls<F, 'queries'>[M]>; error?: string }>({});
  const key = JSON.stringify(args);
  useEffect(() => {
    if (!engine) return;
    let live = true;
    engine
      .call(feature, method, JSON.parse(key) as unknown[])
      .then((data) => live && setState({ data: data as ResultOf<Calls<F, 'queries'>[M]> }))
      .catch((err: unknown) => live && setState({ error: err instanceof Error ? err.message : String(err) }));
    return () => {
      live = false;
    };
  }, [engine, view?.version, feature, method, key]);
  return state;
}
