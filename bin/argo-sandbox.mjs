#!/usr/bin/env node
// Loads the TypeScript CLI through tsx in this same process (no build step, and signals such as
// Ctrl-C reach `serve` directly).
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
