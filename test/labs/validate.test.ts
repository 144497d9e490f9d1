/** Every lab in labs/ (and the test fixtures) passes the schema and the loader's rules; the schema file is current. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAB_SCHEMA, labRoots, loadLab } from '../../simulator/labs/index.js';
import { formatLocated } from '../../simulator/core/errors.js';
import { readFiles, ROOT } from './support.js';

const files = readFiles('labs', 'test/labs/fixtures');
const labFolders = readdirSync(join(ROOT, 'labs')).filter((d) => statSync(join(ROOT, 'labs', d)).isDirectory());

describe('labs/ validate', () => {
  it('labs/lab.schema.json is the schema the loader uses', () => {
    const onDisk = JSON.parse(readFileSync(join(ROOT, 'labs', 'lab.schema.json'), 'utf8')) as unknown;
    // Regenerate with: JSON.stringify(LAB_SCHEMA, null, 2) from simulator/labs/schema.ts.
    expect(onDisk).toEqual(LAB_SCHEMA);
  });

  it('every folder under labs/ holds a lab.yaml', () => {
    const roots = labRoots(files, 'labs');
    for (const d of labFolders) expect(roots, `labs/${d} has no lab.yaml`).toContain(`labs/${d}`);
  });

  for (const root of [...labRoots(files, 'labs'), ...labRoots(files, 'test/labs/fixtures')]) {
    it(`${root}/lab.yaml is valid (schema, id = folder, bodies and solution files exist)`, () => {
      const r = loadLab(files, root);
      expect(r.ok ? [] : r.errors.map(formatLocated)).toEqual([]);
    });
  }
});
