import { describe, expect, it } from 'vitest';
import { arbitraries, exampleOf } from '../../../properties/index.js';
import { allOperations, ERROR_STATUSES } from '../../catalogue/index.js';
import { CONSUMER_READS, ERROR_READS } from '../reliance.js';
import { decodeError, decodeSuccess } from './decode.js';

/**
 * The hsac consumer reads exactly what `reliance.ts` lists: removing any other field from a body
 * leaves what it decodes unchanged; removing a listed one changes it or is refused.
 */

type Json = unknown;

/** Every field path of a body in the reliance notation, with a remover for all its instances. */
function fieldPaths(value: Json, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => fieldPaths(item, `${path}[]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, field]) => {
    const at = path === '' ? key : `${path}.${key}`;
    return [at, ...fieldPaths(field, at)];
  });
}

function without(value: Json, path: string): Json {
  const steps = path.split('.').flatMap((step) => {
    const name = step.replace(/(\[\])+$/, '');
    const arrays = (step.length - name.length) / 2;
    return [{ name, arrays }];
  });
  const go = (node: Json, index: number): Json => {
    const step = steps[index];
    if (step === undefined || typeof node !== 'object' || node === null || Array.isArray(node)) return node;
    const copy: Record<string, unknown> = { ...(node as Record<string, unknown>) };
    if (index === steps.length - 1 && step.arrays === 0) {
      delete copy[step.name];
      return copy;
    }
    const descend = (child: Json, depth: number): Json =>
      depth === 0 ? go(child, index + 1) : Array.isArray(child) ? child.map((item) => descend(item, depth - 1)) : child;
    if (Object.hasOwn(copy, step.name)) copy[step.name] = descend(copy[step.name], step.arrays);
    return copy;
  };
  return go(value, 0);
}

const isAtOrUnder = (candidate: string, path: string): boolean =>
  candidate === path || candidate.startsWith(`${path}.`) || candidate.startsWith(`${path}[]`);

function outcome(decode: () => unknown): unknown {
  try {
    return { value: JSON.parse(JSON.stringify(decode())) as unknown };
  } catch (error) {
    return { threw: (error as Error).name };
  }
}

describe('the hsac consumer reads exactly the reliance list', () => {
  for (const op of allOperations()) {
    for (const response of op.responses) {
      it(`${op.endpoint} ${op.apiVersion} ${response.status}`, () => {
        const body = exampleOf(
          arbitraries.responseBody({
            endpoint: op.endpoint,
            apiVersion: op.apiVersion,
            status: response.status,
            complete: true,
            minResults: 2,
            maxResults: 2,
          }),
          7,
        );
        const reads = CONSUMER_READS[op.endpoint].map((read) => read.path);
        const full = outcome(() => decodeSuccess(op.endpoint, body));
        expect(full).toHaveProperty('value');
        for (const path of new Set(fieldPaths(body))) {
          const relied = reads.some((read) => isAtOrUnder(read, path));
          const changed = outcome(() => decodeSuccess(op.endpoint, without(body, path)));
          if (relied) expect(changed, `${path} is read, removing it must show`).not.toEqual(full);
          else expect(changed, `${path} is not in the reliance list, the consumer must not read it`).toEqual(full);
        }
      });
    }
  }

  it('an Error body: category, message and correlationId, nothing else', () => {
    const body = exampleOf(arbitraries.errorBody({ complete: true }), 7);
    const full = outcome(() => ({ ...decodeError(ERROR_STATUSES.unauthorized, body) }));
    for (const path of fieldPaths(body)) {
      const changed = outcome(() => ({ ...decodeError(ERROR_STATUSES.unauthorized, without(body, path)) }));
      if (ERROR_READS.some((read) => isAtOrUnder(read.path, path))) expect(changed, path).not.toEqual(full);
      else expect(changed, path).toEqual(full);
    }
  });
});
