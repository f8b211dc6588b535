import fc from 'fast-check';
import { generateSync } from 'json-schema-faker';
import type { JsonSchema } from 'json-schema-faker';
import { arbitraries } from '../properties/arbitraries/index.js';
import { operation } from '../src/catalogue/index.js';
import { createValidator, SchemaRegistry, type Validator } from '../src/validate/index.js';
import type { Bench, Figure } from './bench.js';

/**
 * Generation speed: valid three-result batch-read bodies per second from hsac's arbitraries and
 * from json-schema-faker on the same compiled schema (its `results` pinned to three items), in
 * interleaved rounds of one run. Only generation is timed; every body is then checked with the
 * strict validator, untimed, and only valid ones count (json-schema-faker knows neither the
 * timestamp order nor `paging` semantics, so some of its bodies are invalid).
 */

const API_VERSION = '2026-03';
const STATUS = 200;
const RESULTS = 3;
const ROUNDS = 6;
const ROUND_MILLIS = 400;

interface Side {
  /** Generates `count` bodies; `round` varies the seed. */
  readonly generate: (count: number, round: number) => unknown[];
  /** Bodies per timed batch. */
  readonly batch: number;
}

interface Tally {
  millis: number;
  generated: number;
  valid: number;
  bytes: number;
}

function isValid(validator: Validator, body: unknown): boolean {
  return validator.validateResponse({ endpoint: 'batch-read', apiVersion: API_VERSION, status: STATUS, body }).ok;
}

/** The compiled document with `results` pinned to exactly three items, rooted at the 200 definition. */
function fakerSchema(): JsonSchema {
  const definition = operation('batch-read', API_VERSION).responses.find((r) => r.status === STATUS)?.definition ?? '';
  const document = structuredClone(SchemaRegistry.load().schemaNode(API_VERSION)) as {
    $defs: Record<string, { properties: Record<string, object> }>;
    $id?: string;
  };
  const envelope = document.$defs[definition];
  if (!envelope) throw new Error(`no ${definition} in ${API_VERSION}`);
  envelope.properties.results = { ...envelope.properties.results, minItems: RESULTS, maxItems: RESULTS };
  // json-schema-faker resolves local `#/$defs/...` refs against the root; the $id would send it looking elsewhere.
  delete document.$id;
  return { ...document, $ref: `#/$defs/${definition}` } as JsonSchema;
}

function measure(sides: Readonly<Record<string, Side>>, validator: Validator): Record<string, Tally> {
  const tallies: Record<string, Tally> = {};
  for (const [name, side] of Object.entries(sides)) {
    side.generate(side.batch, -1); // warm-up
    tallies[name] = { millis: 0, generated: 0, valid: 0, bytes: 0 };
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, side] of Object.entries(sides)) {
      const tally = tallies[name]!;
      const produced: unknown[] = [];
      const start = performance.now();
      let now = start;
      while (now - start < ROUND_MILLIS) {
        for (const body of side.generate(side.batch, round * 1_000_000 + produced.length)) produced.push(body);
        now = performance.now();
      }
      tally.millis += now - start;
      tally.generated += produced.length;
      for (const body of produced) {
        if (isValid(validator, body)) tally.valid++;
        tally.bytes += JSON.stringify(body).length;
      }
    }
  }
  return tallies;
}

const bench: Bench = {
  id: 'generate',
  description: 'valid three-result batch-read bodies per second: hsac arbitraries vs json-schema-faker, side by side',
  run(): Promise<readonly Figure[]> {
    const validator = createValidator({ profile: 'strict' });
    const arbitrary = arbitraries.batchReadResponse({
      apiVersion: API_VERSION,
      status: STATUS,
      minResults: RESULTS,
      maxResults: RESULTS,
    });
    const schema = fakerSchema();
    const tallies = measure(
      {
        hsac: { batch: 500, generate: (count, round) => fc.sample(arbitrary, { seed: round, numRuns: count }) },
        jsonSchemaFaker: {
          batch: 50,
          generate: (count, round) =>
            Array.from({ length: count }, (_, i) => generateSync(schema, { seed: round + i })),
        },
      },
      validator,
    );
    const hsac = tallies.hsac!;
    const faker = tallies.jsonSchemaFaker!;
    const perSecond = (tally: Tally, count: number) => Math.round((count * 1000) / tally.millis);
    const hsacValid = perSecond(hsac, hsac.valid);
    const fakerValid = perSecond(faker, faker.valid);
    const ratio = hsacValid / fakerValid;
    const detail = {
      hsacBodiesPerSecond: perSecond(hsac, hsac.generated),
      hsacValidShare: Number((hsac.valid / hsac.generated).toFixed(4)),
      hsacMeanBytes: Math.round(hsac.bytes / hsac.generated),
      jsonSchemaFakerBodiesPerSecond: perSecond(faker, faker.generated),
      jsonSchemaFakerValidShare: Number((faker.valid / faker.generated).toFixed(4)),
      jsonSchemaFakerMeanBytes: Math.round(faker.bytes / faker.generated),
      rounds: ROUNDS,
      roundMillis: ROUND_MILLIS,
    };
    return Promise.resolve([
      {
        id: 'generate.hsac-bodies-per-second',
        description: 'valid three-result batch-read bodies (2026-03 200) generated per second by hsac arbitraries',
        value: hsacValid,
        unit: 'bodies/s',
        detail,
      },
      {
        id: 'generate.json-schema-faker-bodies-per-second',
        description:
          'valid three-result batch-read bodies per second by json-schema-faker 0.6.3 on the same compiled schema',
        value: fakerValid,
        unit: 'bodies/s',
        detail,
      },
      {
        id: 'generate.hsac-vs-json-schema-faker',
        description: 'hsac valid bodies/s / json-schema-faker valid bodies/s, same run',
        value: Number(ratio.toFixed(2)),
        unit: 'ratio',
        goal: '>= 10',
        met: ratio >= 10,
        detail,
      },
    ]);
  },
};

export default bench;
