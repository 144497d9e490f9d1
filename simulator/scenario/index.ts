/**
 * Scenarios (`scenarios/<name>.yaml`): an initial world plus a timed script of actions and callouts for
 * instructor demos. `parseScenario(files, path)` (plain manifest files still load, as a world with no
 * script) and `ScenarioPlayer.start(scenario, files)` → `next()`, `playUntil(t)`, `runDue()`, `playToEnd()`.
 */
export type { Cue, CueOutcome, Scenario } from './types.js';
export { parseScenario, scenarioFiles, scenarioName, isScenarioText } from './parse.js';
export type { ParseScenarioResult } from './parse.js';
export { ScenarioPlayer } from './player.js';
