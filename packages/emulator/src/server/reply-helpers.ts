export { falError, openAiError } from './error-bodies.js';
export { bytesReply, jsonReply, type Reply, sseFrame, sseReply } from './reply.js';
