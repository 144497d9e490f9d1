/**
 * The expression languages Argo uses, evaluated purely and deterministically.
 *
 * expr-lang (github.com/expr-lang/expr) — Argo Workflows `{{= … }}`, `depends`-free expressions,
 * `retryStrategy.expression`, `successCondition`s; Argo CD notifications `when`:
 *   `compile(src) → Program` (cache it), `run(program, env, {now?, maxSteps?})`, `evaluate(src, env)`.
 *   Errors are `ExprError` (`line`, `column`, message `unknown name foo (1:1)\n | foo\n | ^`).
 *   `argoEnv(flatParams, {sprig})` builds Argo Workflows' environment (expanded params, `asInt`,
 *   `asFloat`, `jsonpath`, `toJson`, `sprig.*`).
 *
 * govaluate — Argo Workflows `when:` (bare words are strings): `shouldExecute(when)`, `evalGovaluate`.
 */
export { ExprError } from './errors.js';
export { compile, run, evaluate, DEFAULT_MAX_LENGTH, DEFAULT_MAX_STEPS } from './program.js';
export type { Program, CompileOptions, ExprRunOptions } from './program.js';
export { argoEnv, argoFunctions, bindSprig, expandEnv, jsonpath, toJson } from './argo.js';
export type { ArgoEnvOptions } from './argo.js';
export { jsonPathQuery } from './jsonpath.js';
export { evalGovaluate, shouldExecute, GovaluateError } from './govaluate.js';
export { ExprTime, ExprDuration, goString, goJSON, typeName, equal, parseGoDuration } from './values.js';
export type { ExprMap, HostFunction } from './values.js';
