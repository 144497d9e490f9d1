/// <reference lib="webworker" />
/** The Web Worker entry: the engine runs here, never on the main thread. */
import * as Comlink from 'comlink';
import { EngineHost } from './engineHost.js';
import { installPyodideLoader } from './pyodideLoader.js';
import { registerViewModelWire } from './viewModel/index.js';

installPyodideLoader();
registerViewModelWire();
Comlink.expose(new EngineHost());
