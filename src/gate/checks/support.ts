import { isSuccess, type Operation } from '../../catalogue/index.js';
import { shown } from '../../json.js';
import { parsePointer } from '../../json-pointer.js';
import { CONSUMER_READS, ERROR_READS } from '../../pact/reliance.js';
import { pointerPattern } from '../collector.js';
import { compareDecoded, type Difference } from '../compare.js';
import { modelView } from '../model-view.js';
import type { CapturedRequest } from '../intercept.js';
import type { GateCall, GateReport, ServedAnswer } from './gate-check.js';

/** What an SDK threw, on one line: its class and the first lines of its message. */
export function errorText(error: unknown): string {
  // An SDK may throw any value, one decoded from the served body included: `shown` never throws on it.
  const message = error instanceof Error ? error.message : shown(error, 200);
  const name = error instanceof Error ? error.constructor.name : typeof error;
  return `${name}: ${message.split('\n').slice(0, 2).join(' ').slice(0, 200)}`;
}

/** The one request a call sent, or undefined when it sent none or several (sdk-request-path's finding). */
export function onlyRequest(call: GateCall): CapturedRequest | undefined {
  return call.captured.length === 1 ? call.captured[0] : undefined;
}

/**
 * `/results/0/to/1/toObjectId` -> `results[].to[].toObjectId` (the reliance list's notation), tokens unescaped
 * (RFC 6901: `~1` is `/`, `~0` is `~`); undefined for a malformed pointer, which no reliance names.
 */
function reliancePath(pointer: string): string | undefined {
  const parsed = parsePointer(pointer);
  if (!parsed.ok) return undefined;
  return parsed.tokens.reduce(
    (path, token) => (/^\d+$/.test(token) ? `${path}[]` : path === '' ? token : `${path}.${token}`),
    '',
  );
}

/** Where differences were found: the answer's status and case, and what the message starts with. */
export interface DifferenceSite {
  readonly op: Operation;
  readonly status: number;
  readonly caseName: string;
  readonly prefix?: string;
}

/**
 * Reports differences between a served body and the SDK's decoded model: an error where a consumer
 * can be broken (the field is required, or read by consumers: src/pact/reliance.ts), else a warning.
 */
export function observeDifferences(report: GateReport, site: DifferenceSite, differences: readonly Difference[]): void {
  const { op, status, caseName, prefix = '' } = site;
  const reads = isSuccess(status) ? CONSUMER_READS[op.endpoint] : ERROR_READS;
  for (const difference of differences) {
    const path = reliancePath(difference.pointer);
    const relied = path !== undefined && reads.some((read) => read.path === path);
    const pattern = pointerPattern(difference.pointer);
    const what =
      difference.kind === 'lost'
        ? `${pattern} is in the ${status} body but not in the decoded model`
        : `${pattern} decodes to ${JSON.stringify(difference.actual)} where the ${status} body has ` +
          JSON.stringify(difference.expected);
    const reliance = difference.required
      ? ' (required)'
      : relied
        ? ' (read by consumers)'
        : ' (optional, read by no consumer)';
    report.observe({
      // A consumer can only be broken by a field it needs: required or read (reliance.ts).
      severity: difference.required || relied ? 'error' : 'warning',
      endpoint: op.endpoint,
      apiVersion: op.apiVersion,
      instancePath: difference.pointer,
      pattern,
      message: `${prefix}${what}${reliance}`,
      ...(difference.expected === undefined ? {} : { expected: difference.expected }),
      ...(difference.actual === undefined ? {} : { actual: difference.actual }),
      status,
      caseName,
    });
  }
}

/** The differences an answer's decoding showed, and what their messages start with. */
interface Decoded {
  readonly differences: readonly Difference[];
  readonly prefix: string;
}

/** Computed once per answer, for the two checks that read it (a field lost, a field corrupted). */
const decodedAnswers = new WeakMap<ServedAnswer, Decoded | undefined>();

/**
 * The fields a decoded answer lost or corrupted against the body served: for a 2xx the SDK
 * resolved with, or for an error the SDK rejected with its own status (the rejection's body).
 * Undefined when there is no model to compare (the SDK threw or resolved where it should not:
 * `sdk-decode-throws` says so) or no definition to compare by.
 */
export function decodedDifferences(answer: ServedAnswer): Decoded | undefined {
  if (decodedAnswers.has(answer)) return decodedAnswers.get(answer);
  const { op, status, served, definition, call } = answer;
  let decoded: Decoded | undefined;
  if (definition !== undefined) {
    const against = (model: unknown): readonly Difference[] =>
      compareDecoded(op.apiVersion, definition, served.body, modelView(model));
    if (isSuccess(status)) {
      if (!call.threw) decoded = { differences: against(call.value), prefix: '' };
    } else if (call.threw && (call.error as { code?: unknown } | undefined)?.code === status) {
      decoded = { differences: against((call.error as { body?: unknown }).body), prefix: `the rejection's body: ` };
    }
  }
  decodedAnswers.set(answer, decoded);
  return decoded;
}

/**
 * The `decoded` step of a check that judges one kind of difference between the body served and the model the
 * SDK decoded (`lost` fields, `corrupted` values): both walk the same decoded answer, each keeps its own kind.
 */
export function observeDecodedDifferences(
  kind: Difference['kind'],
): (answer: ServedAnswer, report: GateReport) => void {
  return (answer, report) => {
    const decoded = decodedDifferences(answer);
    // No model to compare (the SDK threw, or nothing defines the body): nothing judged, nothing counted.
    if (!decoded) return;
    report.ran(answer.op.endpoint, answer.op.apiVersion);
    const site = { op: answer.op, status: answer.status, caseName: answer.served.name, prefix: decoded.prefix };
    const broken = answer.brokenAt ?? [];
    // A place the provider broke, inside one, or holding one, is the provider's: not a difference of the SDK's.
    const touches = (pointer: string, at: string): boolean =>
      pointer === at || pointer.startsWith(`${at}/`) || at.startsWith(`${pointer}/`);
    observeDifferences(
      report,
      site,
      decoded.differences.filter(
        (difference) => difference.kind === kind && !broken.some((at) => touches(difference.pointer, at)),
      ),
    );
  };
}
