import type { EditCall } from '../contract/edit-call.js';
import type { ImageEditProvider, LongJobSteps } from '../contract/provider.js';
import type { RateGate } from './rate-gate.js';

/**
 * The provider as the batch's items see it: each call that asks the server for work (`edit`, a
 * long job's `start`) passes the shared gate first. Everything else is the provider itself.
 */
export function gatedProvider(provider: ImageEditProvider, gate: RateGate): ImageEditProvider {
  const overrides: Record<string, unknown> = {};
  const edit = provider.edit as ImageEditProvider['edit'] | undefined;
  if (edit) {
    overrides.edit = (call: EditCall) => gate.run(() => edit.call(provider, call), call.signal);
  }
  const jobs = provider.jobs;
  if (jobs) {
    overrides.jobs = delegate<LongJobSteps>(jobs, {
      start: (call: EditCall) => gate.run(() => jobs.start(call), call.signal),
    });
  }
  return delegate(provider, overrides);
}

/**
 * An object that forwards every property of `target` (methods bound to it, so class instances
 * with private fields keep working; values read live), except the ones in `overrides`.
 */
function delegate<T extends object>(target: T, overrides: Record<string, unknown>): T {
  const proxy: Record<string, unknown> = { ...overrides };
  for (let level: object | null = target; level && level !== Object.prototype; ) {
    for (const key of Object.getOwnPropertyNames(level)) {
      if (key === 'constructor' || key in proxy) continue;
      const value = (target as Record<string, unknown>)[key];
      if (typeof value === 'function') proxy[key] = value.bind(target);
      else
        Object.defineProperty(proxy, key, {
          get: () => (target as Record<string, unknown>)[key],
          enumerable: true,
        });
    }
    level = Object.getPrototypeOf(level);
  }
  return proxy as T;
}
