import { describe, expect, it } from 'vitest';
import { endpointForRecord } from './endpoint-for-record.js';

describe('endpointForRecord', () => {
  it('drops credentials, query and fragment', () => {
    expect(endpointForRecord('https://u:p@gw.test/openai/v1/?api-version=1&key=abc#x')).toBe(
      'https://gw.test/openai/v1',
    );
    expect(endpointForRecord('not a url')).toBeUndefined();
    expect(endpointForRecord(undefined)).toBeUndefined();
  });
});
