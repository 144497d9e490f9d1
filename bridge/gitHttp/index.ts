/** The sandbox's git repositories over read-only git smart-HTTP (for `git clone` and a real Argo CD). */
export { handleGitHttp, refAdvertisement, uploadPack, parseUploadRequest } from './handler.js';
export type { GitHttpOptions } from './handler.js';
export { repoResolver, gitUrlFor } from './resolve.js';
export { advertise, reachable, packFor } from './objects.js';
export { pktLine, parsePktLines, sideband, FLUSH } from './pktLine.js';
