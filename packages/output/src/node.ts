export { hashFile } from './file-system/hash-file.js';
export { isProcessAlive } from './file-system/is-process-alive.js';
export { nodeOutputFileSystem } from './file-system/node-output-file-system.js';
