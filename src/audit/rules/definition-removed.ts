import { defineRule } from './rule.js';

/** Comparing bare schema documents: a client decoding a type that no longer exists has nothing to decode against. */
export const definitionRemoved = defineRule({
  id: 'definition-removed',
  direction: 'operation',
  defaultSeverity: 'breaking',
  description:
    'A named definition exists only in the old document (documents without operations are compared by definition name).',
  site: 'definition',
  detect: (site) =>
    site.new === undefined ? [{ message: `definition ${site.name} was removed`, old: site.name }] : [],
});
