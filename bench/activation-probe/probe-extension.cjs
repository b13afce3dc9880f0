// The probe's own extension does nothing: the work happens in run-activation.cjs, which VS Code
// loads as the extension-tests runner of this development extension.
exports.activate = () => {};
exports.deactivate = () => {};
