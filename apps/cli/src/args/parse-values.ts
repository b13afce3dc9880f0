import { usageError } from './parse-command-args.js';

/** `90` (seconds), `90s`, `2m`, `1.5m`, `500ms`, `1h` → milliseconds. */
export function parseDuration(command: string, flag: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match?.[2] ?? 's'] ?? 1000;
  const ms = match ? Number(match[1]) * unit : Number.NaN;
  if (!Number.isFinite(ms) || ms <= 0) {
    throw usageError(
      command,
      `${flag} must be a duration such as 90, 90s, 5m or 500ms, not "${text}"`,
      flag,
    );
  }
  return Math.round(ms);
}

export function parseInteger(
  command: string,
  flag: string,
  text: string,
  min: number,
  max: number,
): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || value < min || value > max) {
    throw usageError(
      command,
      `${flag} must be a whole number from ${min} to ${max}, not "${text}"`,
      flag,
    );
  }
  return value;
}

export function parseChoice<T extends string>(
  command: string,
  flag: string,
  text: string,
  choices: readonly T[],
  aliases: Record<string, T> = {},
): T {
  const normalized = text.trim().toLowerCase();
  const value = aliases[normalized] ?? (choices as readonly string[]).find((c) => c === normalized);
  if (value === undefined) {
    throw usageError(command, `${flag} must be one of ${choices.join(', ')}, not "${text}"`, flag);
  }
  return value as T;
}
