import { describeType } from '../compare.js';
import { defineRule } from './rule.js';

/**
 * Clients that dereference the value now meet null (`requestedAt: null`, FACTS.md §5; oasdiff
 * `response-property-became-nullable`, ERR).
 */
export const responseNullableAdded = defineRule({
  id: 'response-nullable-added',
  direction: 'response',
  defaultSeverity: 'breaking',
  description: 'A response value may now be null.',
  site: 'schema',
  detect: (site) =>
    !site.old.nullable && site.new.nullable
      ? [{ message: 'response value may now be null', old: describeType(site.old), new: describeType(site.new) }]
      : [],
});
