import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/**
 * The log files the Retouch extension's LogOutputChannel writes under the profile's logs folder
 * (`logs/<session>/exthost*` /<extension id>/Retouch.log` in code-server).
 */
export function extensionLogFiles(userDataDir: string): string[] {
  const logsDir = join(userDataDir, 'logs');
  return walk(logsDir).filter(
    (path) => /retouch/i.test(path.slice(logsDir.length)) && path.endsWith('.log'),
  );
}

/** Everything the extension logged so far, newest session last. */
export function readExtensionLog(userDataDir: string): string {
  return extensionLogFiles(userDataDir)
    .map((path) => `==> ${path} <==\n${readFileSync(path, 'utf8')}`)
    .join('\n');
}

/** Every log the workbench wrote (extension host, server, window), for failure reports. */
export function readAllLogs(userDataDir: string): string {
  return walk(join(userDataDir, 'logs'))
    .filter((path) => path.endsWith('.log'))
    .map((path) => `==> ${path} <==\n${readFileSync(path, 'utf8')}`)
    .join('\n');
}
