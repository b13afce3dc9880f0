// Runs inside the real extension host (code-server) as `extensionTestsPath`. It times what a user
// waits for on their first Retouch command: loading the bundle, then the extension's activation.
// Requiring the bundle first (the host's own load then hits the module cache) splits the two.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const vscode = require('vscode');

exports.run = async () => {
  const id = process.env.RETOUCH_BENCH_EXTENSION_ID || 'retouch.retouch';
  const out = process.env.RETOUCH_BENCH_ACTIVATION_OUT;
  const extension = vscode.extensions.getExtension(id);
  if (!extension) throw new Error(`extension ${id} is not installed`);
  const wasActive = extension.isActive;
  const main = join(extension.extensionPath, extension.packageJSON.main || 'extension.js');
  const loadStarted = performance.now();
  require(main);
  const loadMs = performance.now() - loadStarted;
  const activateStarted = performance.now();
  await extension.activate();
  const activateMs = performance.now() - activateStarted;
  const report = {
    id,
    wasActive,
    loadMs,
    activateMs,
    activationMs: loadMs + activateMs,
    node: process.version,
  };
  if (out) writeFileSync(out, JSON.stringify(report));
  console.log(`[retouch-bench] ${JSON.stringify(report)}`);
};
