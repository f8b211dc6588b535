import { describe, expect, it } from 'vitest';
import { compareDecimal, constraintText, decimalDigits, isMultipleOf, parseDecimal } from './numeric.js';

const dec = (text: string) => {
  const parsed = parseDecimal(text);
  if (!parsed) throw new Error(`not a decimal: ${text}`);
  return parsed;
};

describe('parseDecimal', () => {
  it('normalises trailing fractional zeros and keeps the sign', () => {
    expect(parseDecimal('-12.500')).toEqual({ unscaled: -125n, scale: 1 });
    expect(parseDecimal('150')).toEqual({ unscaled: 150n, scale: 0 });
  });

  it.each(['', '01', '1.', '.5', '1e5', '+1', '1.2.3', ' 1'])('rejects %j', (text) => {
    expect(parseDecimal(text)).toBeUndefined();
  });
});

describe('exact comparison beyond 2^53', () => {
  it('compares digits, not doubles', () => {
    expect(compareDecimal(dec('9007199254740993'), dec('9007199254740992'))).toBe(1);
    expect(compareDecimal(dec('10.50'), dec('10.5'))).toBe(0);
    expect(compareDecimal(dec('-0.1'), dec('0'))).toBe(-1);
  });

  it('decides multipleOf exactly for decimals', () => {
    expect(isMultipleOf(dec('1.75'), dec('0.25'))).toBe(true);
    expect(isMultipleOf(dec('1.8'), dec('0.25'))).toBe(false);
    expect(isMultipleOf(dec('0.3'), dec('0.1'))).toBe(true);
  });
});

describe('decimalDigits', () => {
  it('counts significant digits SQL DECIMAL style', () => {
    expect(decimalDigits('0.0875')).toEqual({ integer: 0, fraction: 4 });
    expect(decimalDigits('-1500.00')).toEqual({ integer: 4, fraction: 0 });
  });
});

describe('constraintText', () => {
  it('renders numbers exactly, expanding exponents', () => {
    expect(constraintText('10')).toBe('10');
    expect(constraintText(10)).toBe('10');
    expect(constraintText(1e21)).toBe('1000000000000000000000');
    expect(constraintText(-2.5e-7)).toBe('-0.00000025');
    expect(constraintText(1e-300)).toBe(`0.${'0'.repeat(299)}1`);
    expect(constraintText(Number.NaN)).toBeUndefined();
    expect(constraintText(true)).toBeUndefined();
  });
});
