/** Mock HTTP answers for HTTP templates (the sandbox never touches the network). */
export { findMock, parseMock, builtinMock, noRouteMessage, goMethod, HTTP_MOCKS_LABEL, DEFAULT_LATENCY_MS } from './mocks.js';
export type { HttpMock } from './mocks.js';
