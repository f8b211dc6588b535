import { defineRule } from './rule.js';

/** A new type breaks no existing reader. */
export const definitionAdded = defineRule({
  id: 'definition-added',
  direction: 'operation',
  defaultSeverity: 'info',
  description:
    'A named definition exists only in the new document (documents without operations are compared by definition name).',
  site: 'definition',
  detect: (site) => (site.old === undefined ? [{ message: `definition ${site.name} was added`, new: site.name }] : []),
});
