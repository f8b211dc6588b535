import type { ConsumerCall } from './model.js';

/** The request body a call sends, the same for every consumer (PUT default sends none). */
export function requestBodyOf(call: ConsumerCall): Record<string, unknown> | undefined {
  switch (call.endpoint) {
    case 'batch-read':
      return {
        inputs: call.inputs.map((input) =>
          input.after === undefined ? { id: input.id } : { id: input.id, after: input.after },
        ),
      };
    case 'batch-associate-default':
      return { inputs: call.pairs.map((pair) => ({ from: { id: pair.fromId }, to: { id: pair.toId } })) };
    case 'configurations-batch-create':
      return {
        inputs: call.limits.map((limit) => ({
          category: limit.category,
          typeId: limit.typeId,
          maxToObjectIds: limit.maxToObjectIds,
        })),
      };
    case 'associate-default':
      return undefined;
  }
}

/** The path parameters of a call, named as the catalogue's path templates name them. */
export function pathParamsOf(call: ConsumerCall): Record<string, string> {
  return call.endpoint === 'associate-default'
    ? {
        fromObjectType: call.fromObjectType,
        fromObjectId: call.fromId,
        toObjectType: call.toObjectType,
        toObjectId: call.toId,
      }
    : { fromObjectType: call.fromObjectType, toObjectType: call.toObjectType };
}
