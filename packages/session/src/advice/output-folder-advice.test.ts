import { RetouchError } from '@retouch/core';
import { describe, expect, it } from 'vitest';
import { adviseError } from './error-advice.js';

// Moved from the VS Code extension's own error summary, which this advice replaces.
describe('adviseError for a folder that cannot take results', () => {
  it('says where results cannot go in its own words, with the setting to change', () => {
    const error = new RetouchError({
      code: 'invalid_request',
      origin: 'output-folder',
      message:
        'Results cannot be written to /work/locked: read-only file system (EROFS). Nothing was sent. Make the folder writable, or set retouch.outputFolder to a folder you can write to.',
      issues: [{ field: 'retouch.outputFolder', message: 'read-only file system (EROFS)' }],
    });
    const advice = adviseError(error, { provider: 'OpenAI-compatible', canRetry: true });
    expect(advice.title).toBe(error.message);
    expect(advice.problems).toEqual([]);
    expect(advice.actions).toEqual(['open-settings', 'show-log']);
    expect(advice.settings).toBe('retouch.outputFolder');
  });
});
