import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { field, isObject } from '../../src/json.js';

/**
 * junit.xml read by a real XML parser (fast-xml-parser), as a CI system reads it: a file that is not
 * well-formed throws, attribute values and text come back unescaped, so a test asserts on what a
 * reader sees rather than on how the writer happened to lay the markup out.
 */

/** An element's attributes, unescaped. */
export type Attributes = Readonly<Record<string, string>>;

/** One `<testcase>`: its attributes, and the children hsac writes. */
export interface JunitCase {
  readonly name: string;
  readonly classname: string;
  readonly attributes: Attributes;
  /** `<skipped>`'s attributes, when skipped. */
  readonly skipped?: Attributes;
  /** `<failure>`'s attributes and text, when failed. */
  readonly failure?: { readonly attributes: Attributes; readonly text: string };
  readonly systemOut?: string;
}

/** One `<testsuite>` and its testcases, in document order. */
export interface JunitSuite {
  readonly attributes: Attributes;
  readonly cases: readonly JunitCase[];
}

/** The whole document: `<testsuites>`' attributes, its suites and every testcase of every suite. */
export interface JunitReport {
  readonly attributes: Attributes;
  readonly suites: readonly JunitSuite[];
  readonly cases: readonly JunitCase[];
}

const ATTRIBUTES = '@';
const TEXT = '#text';
const REPEATED = new Set(['testsuite', 'testcase']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: ATTRIBUTES,
  textNodeName: TEXT,
  // Values as written: a time stays "0.120", a message is not turned into a number.
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  alwaysCreateTextNode: true,
  htmlEntities: true,
  isArray: (name) => REPEATED.has(name),
});

function attributesOf(element: unknown): Attributes {
  const group = field(element, ATTRIBUTES);
  if (!isObject(group)) return {};
  return Object.fromEntries(Object.entries(group).map(([key, value]) => [key, String(value)]));
}

function textOf(element: unknown): string {
  const text = field(element, TEXT);
  return typeof text === 'string' ? text : '';
}

/** The child elements named `name` (an array by the parser's `isArray`, or absent). */
function children(element: unknown, name: string): unknown[] {
  const found = field(element, name);
  return Array.isArray(found) ? (found as unknown[]) : [];
}

function junitCase(element: unknown): JunitCase {
  const attributes = attributesOf(element);
  const skipped = field(element, 'skipped');
  const failure = field(element, 'failure');
  const systemOut = field(element, 'system-out');
  return {
    name: attributes.name ?? '',
    classname: attributes.classname ?? '',
    attributes,
    ...(skipped === undefined ? {} : { skipped: attributesOf(skipped) }),
    ...(failure === undefined ? {} : { failure: { attributes: attributesOf(failure), text: textOf(failure) } }),
    ...(systemOut === undefined ? {} : { systemOut: textOf(systemOut) }),
  };
}

/** Parses a junit.xml; throws when it is not well-formed XML or has no `<testsuites>` root. */
export function parseJunit(xml: string): JunitReport {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`junit.xml is not well-formed: ${valid.err.msg} (line ${valid.err.line})`);
  const root = field(parser.parse(xml) as unknown, 'testsuites');
  if (!isObject(root)) throw new Error('junit.xml has no <testsuites> root');
  const suites = children(root, 'testsuite').map((suite) => ({
    attributes: attributesOf(suite),
    cases: children(suite, 'testcase').map(junitCase),
  }));
  return { attributes: attributesOf(root), suites, cases: suites.flatMap((suite) => suite.cases) };
}
