import type { SdkBinding } from './binding.js';
import { V8_BINDING } from './v8.js';
import { V9_BINDING } from './v9.js';
import { V10_BINDING } from './v10.js';
import { V11_BINDING } from './v11.js';
import { V12_BINDING } from './v12.js';
import { V13_BINDING } from './v13.js';
import { V14_BINDING } from './v14.js';

export { REQUEST_BODY, type EndpointBinding, type PathParams, type SdkBinding, type UnwiredClass } from './binding.js';

/** Every major release hsac has a binding for, oldest first (the last is the newest, the fallback). */
export const SDK_BINDINGS: readonly SdkBinding[] = [
  V8_BINDING,
  V9_BINDING,
  V10_BINDING,
  V11_BINDING,
  V12_BINDING,
  V13_BINDING,
  V14_BINDING,
];

const NEWEST: SdkBinding = V14_BINDING;

/** The binding chosen for an SDK version, and why another major's stands in when none is its own. */
export interface ChosenBinding {
  readonly binding: SdkBinding;
  /** The version's major, or undefined when the version does not start with one (`(no version)`, `next`). */
  readonly major: number | undefined;
  /** Set when the binding is not the major's own (an unknown or unreadable major): says which one is used, and why. */
  readonly fallback: string | undefined;
}

/** The major of a version string (`13.5.0`, `14.0.0-beta.1`, `v12.1.0`); undefined when it names none. */
export function majorOf(version: string): number | undefined {
  const match = /^v?(\d+)(?:\.|-|\+|$)/.exec(version.trim());
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * The binding for an SDK's version: its major's own, else the newest, with a note the gate can report (a release
 * newer than hsac, or a path SDK with an odd version, is most likely shaped like the newest one hsac knows). Never
 * throws: an SDK whose layout the binding misses is reported by the gate as missing methods.
 */
export function chooseBinding(version: string): ChosenBinding {
  const major = majorOf(version);
  const own = SDK_BINDINGS.find((binding) => binding.major === major);
  if (own) return { binding: own, major, fallback: undefined };
  const known = `${SDK_BINDINGS[0]?.major ?? NEWEST.major}-${NEWEST.major}`;
  const why = major === undefined ? `version "${version}" names no major` : `no binding for major ${major}`;
  return {
    binding: NEWEST,
    major,
    fallback: `${why} (hsac binds majors ${known}); using the newest, verified in ${NEWEST.verified}`,
  };
}
