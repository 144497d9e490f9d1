/** Kubernetes protobuf request bodies (what kubectl's typed clients send). */
export { decodeKubeProtobuf, decodeMessage, isProtobuf } from './decode.js';
