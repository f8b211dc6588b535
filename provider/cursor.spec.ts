import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('paging cursors', () => {
  it('round-trip offsets and are opaque base64url', () => {
    for (const offset of [0, 3, 500, 123_456_789]) {
      expect(encodeCursor(offset)).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(encodeCursor(offset))).toBe(offset);
    }
  });

  it('refuses what the sandbox never handed out', () => {
    for (const cursor of [
      '',
      'not a cursor',
      'MTAw',
      Buffer.from('o:-1').toString('base64url'),
      Buffer.from('o:01').toString('base64url'),
      'x'.repeat(100),
    ]) {
      expect(decodeCursor(cursor)).toBeUndefined();
    }
  });
});
