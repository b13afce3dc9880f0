import type { EditProgressEvent, ProviderProgressEvent } from '../contract/progress.js';
import type { EditWarning } from '../contract/warning.js';
import { redactSecrets } from '../http/redact.js';

export interface ProgressSink {
  emit(event: EditProgressEvent): void;
  /** Records a warning for the result (once per distinct message) and reports it as progress. */
  warn(warning: EditWarning): void;
  /** The `onProgress` handed to a provider call: it tags events with the call index. */
  forCall(call: number): (event: ProviderProgressEvent) => void;
  readonly warnings: readonly EditWarning[];
}

export function createProgressSink(
  onProgress: ((event: EditProgressEvent) => void) | undefined,
  secrets: readonly string[],
): ProgressSink {
  const warnings: EditWarning[] = [];
  const seen = new Set<string>();
  const emit = (event: EditProgressEvent) => {
    const safe =
      event.type === 'retrying'
        ? { ...event, reason: redactSecrets(event.reason, secrets) }
        : event;
    try {
      onProgress?.(safe);
    } catch {
      // A failing progress callback must not fail the edit or leave a provider call dangling.
    }
  };
  const warn = (warning: EditWarning) => {
    const key = `${warning.type}\n${warning.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    warnings.push(warning);
    emit({ type: 'warning', warning });
  };
  return {
    emit,
    warn,
    warnings,
    forCall: (call) => (event) => {
      if (event.type === 'warning') warn(event.warning);
      else emit({ ...event, call });
    },
  };
}
