import {
  auxiliaryOperation,
  isAuxiliaryId,
  isEndpointId,
  operation,
  pathParameters,
  type AuxiliaryOperation,
  type Operation,
} from '../../catalogue/index.js';
import { observeAuxiliary, observeExchange, type ReplayedExchange } from '../../checks/index.js';
import type { Exchange } from '../../exchange.js';
import { jsonText } from '../../json.js';
import type { SendRequest } from '../../transport/index.js';
import type { Profile } from '../../validate/index.js';
import type { ReportedExchange } from '../result.js';

/**
 * A recorded exchange made ready to send again exactly (method, path and query, headers, body) and read as the run
 * read it: its operation from the catalogue by endpoint id and API version, its path parameters and body.
 */
export interface Resendable {
  readonly recorded: ReportedExchange;
  readonly request: SendRequest;
  readonly operation: Operation | AuxiliaryOperation;
  readonly sent: unknown;
  readonly params: Readonly<Record<string, string>>;
}

const METHODS: readonly SendRequest['method'][] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

function isMethod(method: string): method is SendRequest['method'] {
  return (METHODS as readonly string[]).includes(method);
}

/** The catalogue's operation for a recorded exchange, or why there is none in this hsac. */
function operationOf(recorded: ReportedExchange): Operation | AuxiliaryOperation | string {
  const { endpoint, apiVersion, intent } = recorded;
  if (isEndpointId(endpoint))
    return intent === 'auxiliary'
      ? `${endpoint} is under test, not an auxiliary call`
      : operation(endpoint, apiVersion);
  if (isAuxiliaryId(endpoint)) return auxiliaryOperation(endpoint, apiVersion);
  return `${endpoint} is no endpoint or auxiliary operation of this hsac`;
}

/** The recorded body as the client sends it (it serialises what it is given), if serialising gives the same text. */
function parsedBody(text: string | undefined): { readonly sent: unknown } | undefined {
  if (text === undefined) return { sent: undefined };
  try {
    const sent: unknown = JSON.parse(text);
    return jsonText(sent) === text ? { sent } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A recorded exchange as the client sends it again, or why it cannot be sent exactly: the same method, path, query,
 * headers and body, with the replay's token where the run sent its own (the recorded `authorization` was redacted),
 * and none where the run sent none (a `no-auth` probe).
 */
export function resendable(recorded: ReportedExchange): Resendable | string {
  const { method, url, headers, body } = recorded.request;
  const found = operationOf(recorded);
  if (typeof found === 'string') return found;
  if (!isMethod(method) || method !== found.method) return `its method ${method} is not ${found.method}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `its recorded URL does not parse`;
  }
  const params = pathParameters(found, parsed.pathname);
  if (params === undefined) return `its path ${parsed.pathname} is not one of ${found.pathTemplate}`;
  const read = parsedBody(body);
  if (read === undefined) return 'its recorded body is not JSON as hsac sends it, so it cannot be sent again exactly';
  const { authorization, ...others } = headers;
  const query = Object.fromEntries(parsed.searchParams);
  const request: SendRequest = {
    method,
    path: parsed.pathname,
    ...(Object.keys(query).length > 0 ? { query } : {}),
    ...(read.sent !== undefined ? { body: read.sent } : {}),
    headers: others,
    auth: authorization !== undefined,
  };
  return { recorded, request, operation: found, sent: read.sent, params };
}

/**
 * A re-sent exchange as the checks read it: the answer now (under the run's id, so findings name the run's
 * exchange) beside the run's, both read under the run's profile.
 */
export function replayedExchange(resent: Resendable, answer: Exchange, profile: Profile): ReplayedExchange {
  const { recorded, operation: op, sent, params } = resent;
  const read = (exchange: Exchange): ReplayedExchange['now'] =>
    'endpoint' in op
      ? observeExchange(
          {
            operation: op,
            // An exchange under test is never recorded as auxiliary (`resendable` refuses one).
            intent: recorded.intent === 'auxiliary' ? 'conformance' : recorded.intent,
            exchange,
            ...(sent !== undefined ? { sent } : {}),
          },
          profile,
        )
      : observeAuxiliary({ auxiliary: op, exchange }, profile);
  return {
    endpoint: recorded.endpoint,
    intent: recorded.intent,
    sent,
    params,
    now: read({ ...answer, id: recorded.id }),
    then: read(recorded),
  };
}
