import { describe, expect, it } from 'vitest';
import { splitN } from './split-n.js';

describe('splitN', () => {
  it('fills calls up to the per-call limit and puts the rest in the last one', () => {
    expect(splitN(10, 4)).toEqual([4, 4, 2]);
    expect(splitN(8, 4)).toEqual([4, 4]);
    expect(splitN(3, 10)).toEqual([3]);
    expect(splitN(5, 1)).toEqual([1, 1, 1, 1, 1]);
  });
});
