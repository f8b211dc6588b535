import { removedProperties } from './helpers.js';
import { defineRule } from './rule.js';

/**
 * Clients still send it; the server may ignore or, on a closed object, refuse it (oasdiff `request-property-removed`,
 * WARN).
 */
export const requestPropertyRemoved = defineRule({
  id: 'request-property-removed',
  direction: 'request',
  defaultSeverity: 'warning',
  description: 'A request property is no longer declared.',
  site: 'schema',
  detect: (site) =>
    removedProperties(site.old, site.new, 'request').map((name) => ({
      property: name,
      message: `request property ${name} was removed${site.new.additionalProperties === false ? ' and the object is closed: requests still sending it are refused' : ''}`,
      old: site.old.required.has(name) ? 'required' : 'optional',
    })),
});
