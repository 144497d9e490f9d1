/** The view model's wire form: rows and events cross as JSON text and parse on first read, equal to the original. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Comlink from 'comlink';
import { EngineHost } from '../../../src/worker/engineHost.js';
import { fromWire, registerViewModelWire, toWire } from '../../../src/worker/viewModel/index.js';

const SCENARIO = readFileSync(resolve(import.meta.dirname, '../../../scenarios/default.yaml'), 'utf8');

let host: EngineHost | undefined;
afterEach(() => host?.dispose());

describe('view model wire', () => {
  it('round-trips through structured clone, parsing kinds and events only when read', async () => {
    host = new EngineHost();
    host.load(SCENARIO, { file: 'scenarios/default.yaml' });
    await host.advance(30_000);
    const vm = host.snapshot();
    expect(vm.kinds.find((k) => k.kind === 'Pod')?.rows.length).toBeGreaterThan(0);
    const wire = structuredClone(toWire(vm));
    expect(Object.keys(wire)).not.toContain('kinds');
    expect(wire.kindsJson.length).toBeGreaterThan(100);
    const parse = vi.spyOn(JSON, 'parse');
    const back = fromWire(wire);
    expect(back.elapsed).toBe(vm.elapsed);
    expect(parse).not.toHaveBeenCalled();
    expect(back.kinds).toEqual(vm.kinds);
    expect(back.kinds).toBe(back.kinds);
    expect(parse).toHaveBeenCalledTimes(1);
    parse.mockRestore();
    expect(back.events).toEqual(vm.events);
    expect({ ...back }).toEqual({ ...vm });
  });

  it('registers a comlink transfer handler that takes view models and nothing else', () => {
    registerViewModelWire();
    const handler = [...Comlink.transferHandlers.values()].find((h) => h.canHandle({ version: 1, kinds: [], events: [], nowIso: 'x' }));
    expect(handler).toBeDefined();
    expect(handler!.canHandle({ version: 1, kinds: [] })).toBe(false);
    expect(handler!.canHandle('text')).toBe(false);
  });
});
