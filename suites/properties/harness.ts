import { it } from 'vitest';
import type fc from 'fast-check';
import { allOperations, type Operation } from '../../src/catalogue/index.js';
import { createValidator, PROFILES, type Profile, type Validator } from '../../src/validate/index.js';
import { checkProperty, type CheckOptions } from '../../properties/run.js';
import { readPropertySettings } from '../../properties/settings.js';

/**
 * What every property suite shares: the run's settings (read once, in properties/settings.ts), one
 * validator per profile, the endpoint x version x profile cases, and `holds`, which runs a property
 * under the run's seed and fails with the seed, the path and a replay command.
 */

/** The run's seed and run count. */
export const SETTINGS = readPropertySettings();

/**
 * One validator per profile, built once (schemas compile once per process); undeclared fields are warnings (the
 * default).
 */
export const VALIDATORS: Readonly<Record<Profile, Validator>> = {
  strict: createValidator({ profile: 'strict' }),
  lenient: createValidator({ profile: 'lenient' }),
};

/**
 * One validator per profile with unknown fields set to error, as `hsac validate --unknown-fields
 * error` builds it (a run gets the same grading from `run.checks["unknown-field"]: "error"`).
 */
export const UNKNOWN_FIELDS_AS_ERRORS: Readonly<Record<Profile, Validator>> = {
  strict: createValidator({ profile: 'strict', unknownFields: 'error' }),
  lenient: createValidator({ profile: 'lenient', unknownFields: 'error' }),
};

/** One case per endpoint x version x profile, named for `-t`. */
export interface ProfileCase {
  readonly op: Operation;
  readonly profile: Profile;
  readonly label: string;
}

/** Every endpoint x version x profile, catalogue order. */
export function profileCases(filter: (op: Operation) => boolean = () => true): ProfileCase[] {
  return allOperations()
    .filter(filter)
    .flatMap((op) => PROFILES.map((profile) => ({ op, profile, label: `${op.endpoint} ${op.apiVersion} ${profile}` })));
}

/** Runs a property with the run's settings; throws a PropertyFailure carrying the replay command. */
export function holds<Ts>(
  file: string,
  name: string,
  property: fc.IRawProperty<Ts>,
  options: Omit<CheckOptions<Ts>, 'name' | 'file'> = {},
): fc.RunDetails<Ts> {
  return checkProperty(property, { settings: SETTINGS, ...options, name, file });
}

/**
 * Declares one vitest test that runs one property. The test name is also the `-t` pattern of the
 * replay command, so each name is unique and says endpoint, version, profile and law.
 */
export function propertyTest<Ts>(
  file: string,
  name: string,
  build: () => fc.IRawProperty<Ts>,
  options: Omit<CheckOptions<Ts>, 'name' | 'file'> | (() => Omit<CheckOptions<Ts>, 'name' | 'file'>) = {},
): void {
  it(name, () => {
    holds(file, name, build(), typeof options === 'function' ? options() : options);
  });
}
