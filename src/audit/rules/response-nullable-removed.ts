import { describeType } from '../compare.js';
import { defineRule } from './rule.js';

/** Clients that handled null just never meet it (oasdiff INFO). */
export const responseNullableRemoved = defineRule({
  id: 'response-nullable-removed',
  direction: 'response',
  defaultSeverity: 'info',
  description: 'A response value may no longer be null.',
  site: 'schema',
  detect: (site) =>
    site.old.nullable && !site.new.nullable
      ? [{ message: 'response value may no longer be null', old: describeType(site.old), new: describeType(site.new) }]
      : [],
});
