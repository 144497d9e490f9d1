/**
 * Every lab and scenario file as one `{ path: text }` map (keys like `labs/<id>/lab.yaml`). Imported lazily by
 * the labs feature, so the course text is one chunk fetched the first time a lab or scenario is opened.
 */
import { normalizeFiles } from '../../../simulator/labs/index.js';

const raw = {
  ...import.meta.glob<string>('/labs/**/*', { query: '?raw', import: 'default', eager: true }),
  ...import.meta.glob<string>('/scenarios/**/*', { query: '?raw', import: 'default', eager: true }),
};

export const LAB_FILES: Record<string, string> = normalizeFiles(raw);
