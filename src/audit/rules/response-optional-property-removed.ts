import { removedProperties } from './helpers.js';
import { defineRule } from './rule.js';

/**
 * oasdiff rates this WARN. hsac says breaking: nearly every HubSpot response field is optional
 * (the object-type IDs of 2026-08 among them), and a client that reads one when present silently
 * loses it. Lower it per project with `"response-optional-property-removed": "warn"`.
 */
export const responseOptionalPropertyRemoved = defineRule({
  id: 'response-optional-property-removed',
  direction: 'response',
  defaultSeverity: 'breaking',
  description: 'An optional response property is no longer declared.',
  site: 'schema',
  detect: (site) =>
    removedProperties(site.old, site.new, 'response')
      .filter((name) => !site.old.required.has(name))
      .map((name) => ({
        property: name,
        message: `optional response property ${name} was removed`,
        old: 'optional',
        new: '(absent)',
      })),
});
