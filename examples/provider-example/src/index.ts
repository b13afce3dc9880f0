export { examplePlugin } from './example-plugin.js';
