import { parse, type DefaultTreeAdapterMap } from 'parse5';

/**
 * report.html read by a real HTML parser (parse5, the WHATWG parsing algorithm browsers implement), so a test asserts
 * on the document a browser builds: ids, links, classes and text as parsed, with every parse error reported. And the
 * one reading of the page's links the report tests share ({@link linkProblems}): findings and exchanges that point at
 * each other both ways.
 */

/** An element of the parsed page. */
export type Element = DefaultTreeAdapterMap['element'];
type Node = DefaultTreeAdapterMap['node'];

/** A parsed page: its elements in document order, by id, and what the parser objected to. */
export interface HtmlPage {
  readonly document: DefaultTreeAdapterMap['document'];
  readonly elements: readonly Element[];
  /** The first element with each id. */
  readonly byId: ReadonlyMap<string, Element>;
  /** Ids that more than one element has. */
  readonly duplicateIds: readonly string[];
  /** Parse errors (`code` at line:col): a well-formed page has none. */
  readonly parseErrors: readonly string[];
}

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

/** The elements under `node` (not `node` itself), in document order. */
export function descendants(node: Node): Element[] {
  const found: Element[] = [];
  const walk = (parent: Node): void => {
    if (!('childNodes' in parent)) return;
    for (const child of parent.childNodes) {
      if (isElement(child)) found.push(child);
      // A <template>'s content is a fragment of its own; the report has none, and nothing in one is on the page.
      walk(child);
    }
  };
  walk(node);
  return found;
}

/** An attribute's value as parsed (entities decoded), or undefined. */
export function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((attr) => attr.name === name)?.value;
}

/** The element's classes. */
export function classes(element: Element): string[] {
  return (attribute(element, 'class') ?? '').split(/\s+/).filter((name) => name !== '');
}

/** The text a reader sees in an element (its text nodes, concatenated, entities decoded). */
export function textOf(node: Node): string {
  if (node.nodeName === '#text' && 'value' in node) return node.value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

/** Whether `ancestor` is `element` or holds it. */
export function contains(ancestor: Element, element: Element): boolean {
  for (let node: Node | null = element; node; node = 'parentNode' in node ? node.parentNode : null)
    if (node === ancestor) return true;
  return false;
}

/** Parses a page as a browser would. */
export function parsePage(html: string): HtmlPage {
  const parseErrors: string[] = [];
  const document = parse(html, {
    onParseError: (error) => parseErrors.push(`${error.code} at ${error.startLine}:${error.startCol}`),
  });
  const elements = descendants(document);
  const byId = new Map<string, Element>();
  const duplicateIds = new Set<string>();
  for (const element of elements) {
    const id = attribute(element, 'id');
    if (id === undefined) continue;
    if (byId.has(id)) duplicateIds.add(id);
    else byId.set(id, element);
  }
  return { document, elements, byId, duplicateIds: [...duplicateIds], parseErrors };
}

/** The in-page links under `root` (`href="#..."`), with the id each leads to. */
export function fragmentLinks(root: Node): { readonly link: Element; readonly target: string }[] {
  return descendants(root).flatMap((link) => {
    const href = link.tagName === 'a' ? attribute(link, 'href') : undefined;
    return href?.startsWith('#') ? [{ link, target: decodeURIComponent(href.slice(1)) }] : [];
  });
}

/** Finding N on the page: the element that holds its links (`data-finding="N"`), and its anchor (`#finding-N`). */
export interface PageFinding {
  readonly number: number;
  readonly element: Element;
  /** Exchange ids it links to. */
  readonly exchanges: readonly number[];
}

const EXCHANGE_LINK = /^exchange-(\d+)$/;
const FINDING_LINK = /^finding-(\d+)$/;

/** Every finding the page lists, with the exchanges it links to. */
export function pageFindings(page: HtmlPage): PageFinding[] {
  return page.elements.flatMap((element) => {
    const number = attribute(element, 'data-finding');
    if (number === undefined) return [];
    const exchanges = fragmentLinks(element).flatMap(({ target }) => {
      const id = EXCHANGE_LINK.exec(target)?.[1];
      return id === undefined ? [] : [Number(id)];
    });
    return [{ number: Number(number), element, exchanges }];
  });
}

/** The finding numbers an exchange's section (`#exchange-ID`) links back to. */
export function exchangeFindingLinks(page: HtmlPage, id: number): number[] {
  const section = page.byId.get(`exchange-${id}`);
  if (!section) return [];
  return fragmentLinks(section).flatMap(({ target }) => {
    const number = FINDING_LINK.exec(target)?.[1];
    return number === undefined ? [] : [Number(number)];
  });
}

/**
 * Everything wrong with the page's links: a parse error, an id used twice, a `#` link to no element; a finding whose
 * anchor does not hold it; a finding linking to an exchange whose section does not list it back; an exchange linking
 * to a finding that does not link to it. Empty for a page whose findings and exchanges point at each other both ways.
 */
export function linkProblems(page: HtmlPage): string[] {
  const problems = [
    ...page.parseErrors.map((error) => `parse error: ${error}`),
    ...page.duplicateIds.map((id) => `id "${id}" is on more than one element`),
  ];
  for (const { link, target } of fragmentLinks(page.document))
    if (!page.byId.has(target)) problems.push(`"${textOf(link)}" links to #${target}, which the page lacks`);
  const findings = new Map<number, PageFinding>();
  for (const finding of pageFindings(page)) {
    if (findings.has(finding.number)) problems.push(`finding ${finding.number} is listed twice`);
    findings.set(finding.number, finding);
    const anchor = page.byId.get(`finding-${finding.number}`);
    if (!anchor || !contains(anchor, finding.element))
      problems.push(`#finding-${finding.number} is not where finding ${finding.number} is listed`);
    for (const id of finding.exchanges)
      if (!exchangeFindingLinks(page, id).includes(finding.number))
        problems.push(`finding ${finding.number} links to exchange ${id}, which does not list it back`);
  }
  for (const element of page.elements) {
    const id = EXCHANGE_LINK.exec(attribute(element, 'id') ?? '')?.[1];
    if (id === undefined) continue;
    for (const number of exchangeFindingLinks(page, Number(id)))
      if (!findings.get(number)?.exchanges.includes(Number(id)))
        problems.push(`exchange ${id} links to finding ${number}, which does not link to it`);
  }
  return problems;
}
