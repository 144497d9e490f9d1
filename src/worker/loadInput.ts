/**
 * What `load` puts into a fresh world: plain multi-document manifests (applied like `kubectl apply -f`), or a
 * `kind: Scenario` bundle (simulator/scenario): its seed and start time, git repositories and manifests. The bundle's
 * timed script is not run here: the Labs tab's player runs its cues as journaled actions.
 */
import { parseScenario, isScenarioText } from '../../simulator/scenario/index.js';
import type { Scenario } from '../../simulator/scenario/index.js';
import { setupWorld, worldStart, WorldError } from '../../simulator/labs/world.js';
import { applyManifests } from './applyManifests.js';
import type { ApplyResult } from './protocol.js';
import type { LoadInput, World } from './timeline/index.js';

function bundleOf(text: string, file: string): { scenario?: Scenario; errors?: ApplyResult['errors'] } {
  if (!isScenarioText(text)) return {};
  const parsed = parseScenario({ [file]: text }, file);
  if (!parsed.ok) return { errors: parsed.errors };
  return parsed.scenario.plain ? {} : { scenario: parsed.scenario };
}

/** The seed and start time a bundle asks for (undefined for plain manifests). */
export function bundleStart(text: string, file: string): { seed: number; startTime: number } | undefined {
  const { scenario } = bundleOf(text, file);
  return scenario ? { seed: scenario.world.seed ?? 1, startTime: worldStart(scenario.world) } : undefined;
}

/** Fill a fresh world from the load input: synchronous for manifests, a promise for a bundle (git writes are async). */
export function applyInput(world: World, input: LoadInput): ApplyResult | Promise<ApplyResult> {
  const { scenario, errors } = bundleOf(input.text, input.file);
  if (errors) return { errors, applied: [] };
  if (!scenario) return applyManifests(world.sandbox, input.text, input.file);
  const before = new Set(world.sandbox.store.allObjects());
  return setupWorld(world.sandbox, scenario.world, { [input.file]: input.text }, scenario.base).then(
    () => ({
      errors: [],
      applied: [
        ...(scenario.world.repos ?? []).map((r) => `repository ${r.url} created`),
        ...[...world.sandbox.store.allObjects()].filter((o) => !before.has(o)).map((o) => `${o.kind.toLowerCase()}/${o.metadata.name} created`),
      ],
    }),
    (err: unknown) => {
      if (err instanceof WorldError) return { errors: err.errors, applied: [] };
      return { errors: [{ file: input.file, message: err instanceof Error ? err.message : String(err) }], applied: [] };
    },
  );
}
