/// <reference lib="webworker" />
/** The Web Worker entry: the engine runs here, never on the main thread. */
import * as Comlink from 'comlink';
import { EngineHost } from './engineHost.js';

Comlink.expose(new EngineHost());
