import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot, sharedReferenceDir } from '../../src/paths.js';

// Proves that schemas/published/batch-association-response.struct.json is the JSON Structure
// document published by api-evangelist for HubSpot, exactly as published: same keys in the same
// order, same values, defects included (bare $refs into #/components, property-less objects).
// It is kept as an audit subject for `hsac audit structure`, never used to validate traffic.

/** A parsed JSON value. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const PUBLISHED_FILE = join(packageRoot(), 'schemas', 'published', 'batch-association-response.struct.json');
const SEED_PREFIX = '000_';

const shared = sharedReferenceDir();
const seedsDir = shared === undefined ? undefined : join(shared, 'seeds');
const seedName =
  seedsDir !== undefined && existsSync(seedsDir)
    ? readdirSync(seedsDir).find((name) => name.startsWith(SEED_PREFIX))
    : undefined;
const title =
  seedsDir !== undefined && seedName !== undefined
    ? `published seed ${seedName}`
    : `published seed [SKIPPED: no ../shared/seeds/${SEED_PREFIX}* found; set HSAC_SHARED_DIR]`;

/** The JSON object in the seed page: the text from its first `{` to its last `}`. */
function parseSeedObject(text: string): Json {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end < start) throw new Error('seed text holds no JSON object');
  return JSON.parse(text.slice(start, end + 1)) as Json;
}

/** Every key path in document order, so that key order is compared as well as values. */
function keyPaths(value: Json, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => keyPaths(item, `${path}/${index}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [`${path}/${key}`, ...keyPaths(child, `${path}/${key}`)]);
}

describe.skipIf(seedsDir === undefined || seedName === undefined)(title, () => {
  const seed = (): Json => parseSeedObject(readFileSync(join(seedsDir ?? '', seedName ?? ''), 'utf8'));
  const published = (): Json => JSON.parse(readFileSync(PUBLISHED_FILE, 'utf8')) as Json;

  it('deep-equals the object parsed from the seed text', () => {
    expect(published()).toStrictEqual(seed());
  });

  it('keeps the published key order', () => {
    expect(keyPaths(published())).toEqual(keyPaths(seed()));
  });
});
