// Everything a tool call runs, loaded on the first call so `tools/list` answers before the
// session, the engine and the providers are read from disk.
export { adviseError } from '@retouch/session';
export { EachBatches, editImageTool } from './edit-tools.js';
export {
  editHistoryTool,
  estimateCostTool,
  listModelsTool,
  listPresetsTool,
} from './info-tools.js';
export { McpRuntime } from './mcp-runtime.js';
export { resolveMcpSettings } from './mcp-settings.js';
