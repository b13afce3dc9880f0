import { redactSecrets, sanitizeServerText } from '@retouch/core/http';
import type { RequestLogEntry } from '@retouch/core/provider';
import * as vscode from 'vscode';

/** The "Retouch" log: every request and every step of an edit, with secrets scrubbed. */
export class RetouchLog implements vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel('Retouch', { log: true });

  info(message: string, secrets: readonly (string | undefined)[] = []): void {
    this.channel.info(clean(message, secrets));
  }

  warn(message: string, secrets: readonly (string | undefined)[] = []): void {
    this.channel.warn(clean(message, secrets));
  }

  error(message: string, secrets: readonly (string | undefined)[] = []): void {
    this.channel.error(clean(message, secrets));
  }

  /**
   * The plugin context's `log` callback. Core redacts entries already; they are scrubbed again
   * with the keys in use, because a third-party plugin's entries are not guaranteed to be.
   */
  requestLogger(secrets: readonly (string | undefined)[]): (entry: RequestLogEntry) => void {
    return (entry) => {
      const status = entry.status === undefined ? 'no response' : String(entry.status);
      const requestId = entry.requestId ? ` (request id ${entry.requestId})` : '';
      const line = `${entry.provider} ${entry.method} ${entry.url} → ${status} in ${Math.round(entry.durationMs)} ms${requestId}`;
      if (entry.error) this.warn(`${line}: ${entry.error}`, secrets);
      else this.info(line, secrets);
    };
  }

  dispose(): void {
    this.channel.dispose();
  }
}

/** No secret, and none of the control characters or bidi overrides a server may have sent. */
function clean(message: string, secrets: readonly (string | undefined)[]): string {
  return sanitizeServerText(redactSecrets(message, secrets));
}
