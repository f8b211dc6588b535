import { describeType } from '../compare.js';
import { defineRule } from './rule.js';

/** Accepting null as well breaks no client (oasdiff `request-property-became-nullable`, INFO). */
export const requestNullableAdded = defineRule({
  id: 'request-nullable-added',
  direction: 'request',
  defaultSeverity: 'info',
  description: 'A request value now admits null.',
  site: 'schema',
  detect: (site) =>
    !site.old.nullable && site.new.nullable
      ? [{ message: 'request value now admits null', old: describeType(site.old), new: describeType(site.new) }]
      : [],
});
