/** The local bridge: HTTP + WebSocket on 127.0.0.1 with a per-session token, over a ClusterBackend. */
export { startBridge } from './bridgeServer.js';
export type { Bridge, BridgeOptions } from './bridgeServer.js';
export { BridgeSession } from './session.js';
export { newToken, hasToken, loopbackHost } from './auth.js';
export { TOKEN_PROTOCOL_PREFIX } from './protocol.js';
export type * from './protocol.js';
