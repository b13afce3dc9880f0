import { describe, expect, it } from 'vitest';
import { missingPackage } from './missing-package.js';

describe('missingPackage', () => {
  it('says what to install when the optional codec package is not there', async () => {
    const error = await import('retouch-no-such-codec-package' as string).catch((e: unknown) => e);
    const told = missingPackage(error, 'retouch-no-such-codec-package');
    expect(told?.message).toBe(
      'the optional package retouch-no-such-codec-package is not installed; install it beside @retouch/core (npm i retouch-no-such-codec-package) to prepare images',
    );
  });

  it('leaves other load failures as they are', () => {
    expect(missingPackage(new Error('libvips: bad ELF header'), 'sharp')).toBeUndefined();
  });
});
