// Runs inside the real extension host (code-server) as `extensionTestsPath`. Retouch activates
// on its own once the window has started (`onStartupFinished`); the host marks when it starts
// and ends loading an extension's main file and calling its activate() (the figures VS Code's
// "Show Running Extensions" reports). This reads those marks, then times loading the edit
// runtime, which the first edit pays for.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const vscode = require('vscode');

function hostMarks(id) {
  const marks = globalThis.MonacoPerformanceMarks?.getMarks?.() ?? [];
  const at = (name) => marks.find((mark) => mark.name === `code/extHost/${name}/${id}`)?.startTime;
  return {
    willLoad: at('willLoadExtensionCode'),
    didLoad: at('didLoadExtensionCode'),
    willActivate: at('willActivateExtension'),
    didActivate: at('didActivateExtension'),
  };
}

async function activated(extension, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!extension.isActive && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return extension.isActive;
}

exports.run = async () => {
  const id = process.env.RETOUCH_BENCH_EXTENSION_ID || 'retouch.retouch';
  const out = process.env.RETOUCH_BENCH_ACTIVATION_OUT;
  const runtimeFile = process.env.RETOUCH_BENCH_RUNTIME_FILE;
  const extension = vscode.extensions.getExtension(id);
  if (!extension) throw new Error(`extension ${id} is not installed`);
  const byItself = await activated(extension, 60_000);
  if (!byItself) await extension.activate();
  const marks = hostMarks(extension.id);
  if (Object.values(marks).some((value) => value === undefined)) {
    throw new Error(`the extension host did not mark the activation: ${JSON.stringify(marks)}`);
  }
  const loadMs = marks.didLoad - marks.willLoad;
  const activateMs = marks.didActivate - marks.willActivate;
  let runtimeLoadMs;
  if (runtimeFile) {
    const runtimeStarted = performance.now();
    require(join(extension.extensionPath, runtimeFile));
    runtimeLoadMs = performance.now() - runtimeStarted;
  }
  const report = {
    id,
    activatedOnStartUp: byItself,
    loadMs,
    activateMs,
    activationMs: loadMs + activateMs,
    // From starting to load the file to activate() returning: also the host preparing the
    // extension's context (its storage comes from the window) while the file loads.
    hostPathMs: marks.didActivate - marks.willLoad,
    runtimeLoadMs,
    node: process.version,
  };
  if (out) writeFileSync(out, JSON.stringify(report));
  console.log(`[retouch-bench] ${JSON.stringify(report)}`);
};
