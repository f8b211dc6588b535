import type { EndpointId } from '../../src/catalogue/index.js';
import type { Fault } from './fault.js';
import { onSuccess } from './kit.js';

type Result = Record<string, unknown>;
const idOf = (value: unknown): unknown =>
  typeof value === 'object' && value !== null && 'id' in value ? value.id : undefined;

/** Which input a result answers: the read record, the pair (either direction), the configured type. */
const INPUT_KEY: Record<EndpointId, (result: Result) => string> = {
  'batch-read': (result) => String(idOf(result.from)),
  'batch-associate-default': (result) => [String(idOf(result.from)), String(idOf(result.to))].sort().join('|'),
  'associate-default': (result) => [String(idOf(result.from)), String(idOf(result.to))].sort().join('|'),
  'configurations-batch-create': (result) => String(result.typeId),
};

/**
 * The last input that succeeded vanishes: its results are removed and no error names it, so a
 * client believes it processed every input (inputs neither in results nor in errors).
 */
export const fault: Fault = {
  name: 'input-dropped',
  description: 'removes the results of the last successful input, without an error for it',
  kind: 'exchange',
  triggers: ['inputs-accounted'],
  response: onSuccess((body, _response, context) => {
    if (!Array.isArray(body.results) || body.results.length === 0) return;
    const results = body.results as Result[];
    const key = INPUT_KEY[context.operation.endpoint];
    const last = results.at(-1);
    if (last === undefined) return;
    const dropped = key(last);
    body.results = results.filter((result) => key(result) !== dropped);
  }),
};
