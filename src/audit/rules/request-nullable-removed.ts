import { describeType } from '../compare.js';
import { defineRule } from './rule.js';

/** Clients that send null are refused (oasdiff `request-property-became-not-nullable`, ERR). */
export const requestNullableRemoved = defineRule({
  id: 'request-nullable-removed',
  direction: 'request',
  defaultSeverity: 'breaking',
  description: 'A request value no longer admits null.',
  site: 'schema',
  detect: (site) =>
    site.old.nullable && !site.new.nullable
      ? [{ message: 'request value no longer admits null', old: describeType(site.old), new: describeType(site.new) }]
      : [],
});
