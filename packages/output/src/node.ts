export { hashFile } from './file-system/hash-file.js';
export { nodeOutputFileSystem } from './file-system/node-output-file-system.js';
