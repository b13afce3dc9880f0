// Types for what the tests read from the packaging script.
export const vsixTargets: Record<string, string>;
export function currentTarget(): string;
