import { describe, expect, it } from 'vitest';
import {
  isClientError,
  isErrorStatus,
  isRateLimited,
  isServerError,
  isStatusCode,
  isSuccess,
  statusFamily,
} from './status.js';

describe('status arithmetic', () => {
  it.each([
    [100, 1],
    [199, 1],
    [200, 2],
    [207, 2],
    [299, 2],
    [304, 3],
    [400, 4],
    [429, 4],
    [499, 4],
    [500, 5],
    [599, 5],
  ])('%i is in family %i', (status, family) => {
    expect(statusFamily(status)).toBe(family);
    expect(isStatusCode(status)).toBe(true);
    expect(isSuccess(status)).toBe(family === 2);
    expect(isClientError(status)).toBe(family === 4);
    expect(isServerError(status)).toBe(family === 5);
    expect(isErrorStatus(status)).toBe(family === 4 || family === 5);
  });

  it.each([0, 99, 600, 999, -200, 200.5, Number.NaN, Number.POSITIVE_INFINITY])(
    '%s belongs to no family: neither success nor any kind of error',
    (status) => {
      expect(statusFamily(status)).toBe(0);
      expect(isStatusCode(status)).toBe(false);
      expect([isSuccess(status), isClientError(status), isServerError(status), isErrorStatus(status)]).toEqual([
        false,
        false,
        false,
        false,
      ]);
    },
  );

  it('429, and only 429, is a rate limit (a client error the client waits out)', () => {
    expect(isRateLimited(429)).toBe(true);
    expect(isClientError(429)).toBe(true);
    expect([400, 401, 403, 428, 430, 503, 0, Number.NaN].filter(isRateLimited)).toEqual([]);
  });
});
