import { describe, expect, it } from 'vitest';
import { ERROR_STATUSES, isErrorStatus } from '../../src/catalogue/index.js';
import { GENERATED_ERROR_STATUSES } from './responses.js';

describe('GENERATED_ERROR_STATUSES', () => {
  it('is the pinned list, in its order (a seed draws statuses by index, so a reorder changes every replay)', () => {
    expect(GENERATED_ERROR_STATUSES).toEqual([400, 401, 403, 404, 409, 414, 429, 500, 502, 503]);
  });

  it("holds only error statuses, and every one of the catalogue's named statuses but 405", () => {
    expect(GENERATED_ERROR_STATUSES.every(isErrorStatus)).toBe(true);
    const named = Object.values(ERROR_STATUSES).filter((status) => status !== ERROR_STATUSES.methodNotAllowed);
    expect(GENERATED_ERROR_STATUSES).toEqual(expect.arrayContaining(named));
  });
});
