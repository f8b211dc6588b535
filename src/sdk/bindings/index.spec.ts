import { describe, expect, it } from 'vitest';
import { API_VERSIONS, ENDPOINT_IDS } from '../../catalogue/index.js';
import { chooseBinding, majorOf, REQUEST_BODY, SDK_BINDINGS } from './index.js';

/** Choosing an SDK's binding by its major release, and what every binding holds. */

const newest = SDK_BINDINGS.at(-1);

describe('majorOf', () => {
  it.each([
    ['13.5.0', 13],
    ['14.0.0-beta.1', 14],
    ['v12.1.0', 12],
    ['15', 15],
    ['0.0.0', 0],
  ])('%s is major %s', (version, major) => {
    expect(majorOf(version)).toBe(major);
  });

  it.each(['(no version)', 'next', '', '13a.0'])('"%s" names no major', (version) => {
    expect(majorOf(version)).toBeUndefined();
  });
});

describe('chooseBinding', () => {
  it.each(SDK_BINDINGS.map((binding) => [binding.major, binding] as const))(
    'picks the own binding of major %s, with no fallback note',
    (major, binding) => {
      expect(chooseBinding(`${major}.0.0`)).toEqual({ binding, major, fallback: undefined });
      expect(chooseBinding(binding.verified).binding).toBe(binding);
    },
  );

  it.each([
    ['15.0.0', 15, 'no binding for major 15'],
    ['0.0.0', 0, 'no binding for major 0'],
    ['7.1.0', 7, 'no binding for major 7'],
    ['(no version)', undefined, 'version "(no version)" names no major'],
  ])('falls back to the newest binding for %s, and says why (never throws)', (version, major, why) => {
    const chosen = chooseBinding(version);
    expect(chosen.binding).toBe(newest);
    expect(chosen.major).toBe(major);
    expect(chosen.fallback).toBe(`${why} (hsac binds majors 8-14); using the newest, verified in 14.0.1`);
  });
});

describe('SDK_BINDINGS', () => {
  it('holds one binding per major, oldest first, each verified in a release of its own major', () => {
    const majors = SDK_BINDINGS.map((binding) => binding.major);
    expect(majors).toEqual([...majors].sort((a, b) => a - b));
    expect(new Set(majors).size).toBe(majors.length);
    for (const binding of SDK_BINDINGS) expect(majorOf(binding.verified)).toBe(binding.major);
  });

  it('binds every endpoint, with at most one body argument and a namespace for every version', () => {
    for (const binding of SDK_BINDINGS) {
      expect(Object.keys(binding.endpoints).sort()).toEqual([...ENDPOINT_IDS].sort());
      for (const endpoint of ENDPOINT_IDS) {
        const { member, args } = binding.endpoints[endpoint];
        expect(member.length, `${binding.major} ${endpoint}`).toBeGreaterThanOrEqual(2);
        expect(args.filter((name) => name === REQUEST_BODY).length).toBeLessThanOrEqual(1);
      }
      for (const apiVersion of API_VERSIONS) expect(binding.namespaces(apiVersion).length).toBeGreaterThan(0);
    }
  });
});
