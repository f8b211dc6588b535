import { buildPath, isSuccess, operation, type ApiVersion, type EndpointId } from '../../catalogue/index.js';
import { HubSpotClient } from '../../transport/index.js';
import { decodeError, decodeSuccess } from './decode.js';
import { ContractViolation, type AssociationsConsumer, type ConsumerCall, type Outcome } from './model.js';
import { pathParamsOf, requestBodyOf } from './request.js';

/** Options of {@link hsacConsumer}. */
export interface HsacConsumerOptions {
  readonly baseUrl: string;
  readonly token: string;
}

/**
 * hsac as a consumer: the catalogue's paths and methods, sent through hsac's own transport
 * (`HubSpotClient`), decoded by `decode.ts`. Every endpoint in every version. Retries are off: a
 * contract test must see the first answer.
 */
export function hsacConsumer(options: HsacConsumerOptions): AssociationsConsumer {
  const client = new HubSpotClient({
    baseUrl: options.baseUrl,
    token: options.token,
    rateLimit: { requests: 10_000, windowMs: 1000 },
    retry: { maxRetries: 0, maxRateLimitRetries: 0, baseDelayMs: 0, maxDelayMs: 0 },
    userAgent: 'hsac-pact-consumer',
  });
  return {
    supports: (_endpoint: EndpointId, _apiVersion: ApiVersion) => true,
    async perform(call: ConsumerCall): Promise<Outcome> {
      const op = operation(call.endpoint, call.apiVersion);
      const body = requestBodyOf(call);
      const exchange = await client.send({
        method: op.method,
        path: buildPath(op, pathParamsOf(call)),
        ...(body === undefined ? {} : { body }),
      });
      const response = exchange.response;
      if (!response)
        throw new Error(
          `${call.endpoint} ${call.apiVersion}: no answer (${exchange.failure?.message ?? 'unknown failure'})`,
        );
      let parsed: unknown;
      try {
        parsed = response.body === undefined ? undefined : JSON.parse(response.body);
      } catch {
        throw new ContractViolation(`${call.endpoint} ${call.apiVersion}: the ${response.status} body is not JSON`);
      }
      // Status families, not exact codes (DESIGN.md): a 200 where 201 is declared is still a success.
      if (!isSuccess(response.status)) throw decodeError(response.status, parsed);
      return decodeSuccess(call.endpoint, parsed);
    },
  };
}
