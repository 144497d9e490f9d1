/** List generator: each element is a parameter set (`values` becomes `values.<k>` without goTemplate). */
import { load } from 'js-yaml';
import type { Params } from '../template.js';
import { GeneratorError, obj } from './types.js';
import type { Generator } from './types.js';

export const listGenerator: Generator = (spec, ctx) => {
  let elements: unknown[] = Array.isArray(spec.elements) ? spec.elements : [];
  if (typeof spec.elementsYaml === 'string' && spec.elementsYaml.trim()) {
    let parsed: unknown;
    try {
      parsed = load(spec.elementsYaml);
    } catch (e) {
      throw new GeneratorError(`error unmarshling decoded ElementsYaml ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    if (!Array.isArray(parsed)) throw new GeneratorError('error unmarshling decoded ElementsYaml: expected a list');
    elements = [...elements, ...parsed];
  }
  return elements.map((el): Params => {
    if (el === null || typeof el !== 'object' || Array.isArray(el)) throw new GeneratorError('error unmarshling list element: an element must be an object');
    const element = obj(el);
    if (ctx.goTemplate) return { ...element };
    const params: Params = {};
    for (const [key, value] of Object.entries(element)) {
      if (key === 'values') {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new GeneratorError('error parsing values map');
        for (const [k, v] of Object.entries(obj(value))) {
          if (typeof v !== 'string') throw new GeneratorError('error parsing value as string');
          params[`values.${k}`] = v;
        }
      } else {
        if (typeof value !== 'string') throw new GeneratorError('error parsing value as string');
        params[key] = value;
      }
    }
    return params;
  });
};
