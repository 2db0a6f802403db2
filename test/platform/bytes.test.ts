import { describe, expect, it } from 'vitest';
import { formatOverLimit } from '../../src/platform/bytes.js';

describe('formatOverLimit', () => {
  it('GIVEN a size well past its limit THEN both in the limit’s unit, MiB with one decimal, KiB whole', () => {
    expect(formatOverLimit(600 * 1024 * 1024, 1024 * 1024)).toEqual({ size: '600.0 MiB', limit: '1.0 MiB' });
    expect(formatOverLimit(3 * 1024, 2 * 1024)).toEqual({ size: '3 KiB', limit: '2 KiB' });
  });

  it('GIVEN a size just past its limit THEN decimals enough for the two to differ, or the bytes', () => {
    expect(formatOverLimit(1.04 * 1024 * 1024, 1024 * 1024)).toEqual({ size: '1.04 MiB', limit: '1.00 MiB' });
    expect(formatOverLimit(2 * 1024 + 300, 2 * 1024)).toEqual({ size: '2.3 KiB', limit: '2.0 KiB' });
    expect(formatOverLimit(1024 * 1024 + 1, 1024 * 1024)).toEqual({ size: '1048577 bytes', limit: '1048576 bytes' });
    expect(formatOverLimit(600, 500)).toEqual({ size: '600 bytes', limit: '500 bytes' });
  });
});
