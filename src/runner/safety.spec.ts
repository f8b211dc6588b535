import { describe, expect, it } from 'vitest';
import { MIN_TOKEN_LENGTH, tokenRefusal } from './safety.js';

describe('tokenRefusal: a token too short to be told from text is refused', () => {
  it.each([['abc'], ['x'.repeat(MIN_TOKEN_LENGTH - 1)]])('refuses %j, saying its length', (token) => {
    expect(tokenRefusal(token)).toBe(
      `the token is ${token.length} characters long; hsac needs at least ${MIN_TOKEN_LENGTH}` +
        " to keep it out of every report (HubSpot's are over 40)",
    );
  });

  it.each([[undefined], [''], ['x'.repeat(MIN_TOKEN_LENGTH)], ['pat-na1-' + '00000000-0000-0000-0000-000000000000']])(
    'leaves %j to the run (none given, or long enough)',
    (token) => {
      expect(tokenRefusal(token)).toBeUndefined();
    },
  );
});
