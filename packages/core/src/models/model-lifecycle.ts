import type { ModelInfo } from '../contract/capabilities.js';
import type { EditWarning } from '../contract/warning.js';

/** A shutdown this close is worth a warning on every edit. */
export const shutdownWarningDays = 90;

const dayMs = 24 * 60 * 60 * 1000;

export interface ModelLifecycleNotice {
  /** `shut-down`: the date has passed; `shutting-down`: within `shutdownWarningDays`. */
  state: 'shut-down' | 'shutting-down' | 'deprecated' | 'legacy' | 'preview';
  /** Whole days until the shutdown date (0 or less once it has passed). */
  daysLeft?: number;
  /** True when an edit should carry a warning: past or near the shutdown date. */
  urgent: boolean;
  /** One sentence for a person, e.g. for a model picker or a warning. */
  message: string;
}

/**
 * What a model's lifecycle means today, or undefined for an active model with no shutdown date.
 * Apps show it beside the model; the engine turns an urgent one into a warning before sending.
 */
export function describeModelLifecycle(
  model: ModelInfo,
  now: Date = new Date(),
): ModelLifecycleNotice | undefined {
  const lifecycle = model.lifecycle;
  if (!lifecycle) return undefined;
  const instead = lifecycle.replacement ? ` Use ${lifecycle.replacement} instead.` : '';
  const shutdown = lifecycle.shutdownDate
    ? Date.parse(`${lifecycle.shutdownDate}T00:00:00Z`)
    : Number.NaN;
  if (!Number.isNaN(shutdown)) {
    const daysLeft = Math.ceil((shutdown - now.getTime()) / dayMs);
    if (daysLeft <= 0) {
      return {
        state: 'shut-down',
        daysLeft,
        urgent: true,
        message: `${model.id} was shut down on ${lifecycle.shutdownDate}, so the server will probably refuse it.${instead}`,
      };
    }
    const when = daysLeft === 1 ? 'tomorrow' : `in ${daysLeft} days`;
    return {
      state: daysLeft <= shutdownWarningDays ? 'shutting-down' : 'deprecated',
      daysLeft,
      urgent: daysLeft <= shutdownWarningDays,
      message: `${model.id} shuts down on ${lifecycle.shutdownDate} (${when}).${instead}`,
    };
  }
  if (lifecycle.status === 'deprecated') {
    return {
      state: 'deprecated',
      urgent: false,
      message: `${model.id} is deprecated.${instead}`,
    };
  }
  if (lifecycle.status === 'legacy' || lifecycle.status === 'preview') {
    const what =
      lifecycle.status === 'legacy' ? 'a legacy model' : 'a preview that may go at short notice';
    return { state: lifecycle.status, urgent: false, message: `${model.id} is ${what}.${instead}` };
  }
  return undefined;
}

/** The warning an edit carries for a model past or near its shutdown date, if any. */
export function modelLifecycleWarning(
  model: ModelInfo,
  now: Date = new Date(),
): EditWarning | undefined {
  const notice = describeModelLifecycle(model, now);
  if (!notice?.urgent) return undefined;
  const warning: EditWarning = {
    type: 'model-lifecycle',
    model: model.id,
    message: notice.message,
  };
  if (model.lifecycle?.shutdownDate) warning.shutdownDate = model.lifecycle.shutdownDate;
  if (model.lifecycle?.replacement) warning.replacement = model.lifecycle.replacement;
  return warning;
}
