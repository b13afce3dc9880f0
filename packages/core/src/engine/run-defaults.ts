/** Per attempt, and for a long job to complete: high-quality edits take minutes. */
export const defaultTimeoutMs = 10 * 60 * 1000;
/** Retries of an edit or a submit. */
export const defaultMaxRetries = 2;
/**
 * Retries while following a job that runs on the server (per streak of failed status checks, and
 * for reading its result). Higher than for a submit: the job is paid for, and reads are harmless.
 */
export const defaultMaxJobRetries = 8;
/** Without a total timeout: how long a call may wait out 429s, in all, before it fails. */
export const defaultRateLimitWaitMs = 3 * 60 * 1000;
