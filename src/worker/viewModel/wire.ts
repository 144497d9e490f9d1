/**
 * How a view model crosses the worker boundary. Its bulky parts (every object row, the recent events) travel as one
 * JSON text each — a string copies as a block, where structured clone rebuilds thousands of small objects on the
 * main thread — and the main thread parses them only when a view reads them: a tab that never shows `kinds` (the
 * editor, workflows…) never pays for 1,000 pod rows. Registered on both sides (`registerViewModelWire`).
 */
import * as Comlink from 'comlink';
import type { ViewModel } from '../protocol.js';

const WIRE = 'argo-sandbox-view-model';
/** The fields deferred as text. */
const LAZY = ['kinds', 'events'] as const;
type Lazy = (typeof LAZY)[number];

export type WireViewModel = Omit<ViewModel, Lazy> & { [K in Lazy as `${K}Json`]: string } & { wire: typeof WIRE };

function isViewModel(v: unknown): v is ViewModel {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.version === 'number' && Array.isArray(o.kinds) && Array.isArray(o.events) && typeof o.nowIso === 'string';
}

/** The text form (worker side). */
export function toWire(vm: ViewModel): WireViewModel {
  const { kinds, events, ...rest } = vm;
  return { ...rest, wire: WIRE, kindsJson: JSON.stringify(kinds), eventsJson: JSON.stringify(events) };
}

/** A view model whose deferred fields parse on first read (then stay as plain properties). */
export function fromWire(w: WireViewModel): ViewModel {
  const { kindsJson, eventsJson, wire: _wire, ...rest } = w;
  const vm = rest as Partial<ViewModel>;
  const texts: Record<Lazy, string> = { kinds: kindsJson, events: eventsJson };
  for (const key of LAZY) {
    Object.defineProperty(vm, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value: unknown = JSON.parse(texts[key]);
        Object.defineProperty(vm, key, { value, enumerable: true, configurable: true, writable: true });
        return value;
      },
    });
  }
  return vm as ViewModel;
}

let registered = false;

/** Install the view model's comlink transfer handler (call once in the worker and once on the main thread). */
export function registerViewModelWire(): void {
  if (registered) return;
  registered = true;
  const handler: Comlink.TransferHandler<ViewModel, WireViewModel> = {
    canHandle: isViewModel,
    serialize: (vm) => [toWire(vm), []],
    deserialize: fromWire,
  };
  Comlink.transferHandlers.set(WIRE, handler as Comlink.TransferHandler<unknown, unknown>);
}
