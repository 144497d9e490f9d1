/**
 * Go's text/template for the sandbox: Helm charts, Argo CD notification templates and ApplicationSet
 * `goTemplate` all render through it. Values are Go-typed (see value.ts); functions come from the caller
 * (e.g. `sprigFuncs()` from simulator/sprig).
 */
export { TemplateSet, parseTemplates, renderTemplate, type TemplateOptions } from './template.js';
export { TemplateParseError } from './parser.js';
export { TemplateExecError, type MissingKey } from './exec.js';
export { GoTime, defineMethods, fromJsonData, toJsonData, isMap, isNil, truth, typeName, deepEqual, deepCopy, type GoValue, type GoMap, type GoFunc, type JsonData } from './value.js';
export { formatValue, sprint, sprintf, sprintln, quote } from './fmt.js';
export { formatTime } from './time.js';
export { htmlEscape, jsEscape, queryEscape } from './builtins.js';
