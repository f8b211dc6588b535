import { defineRule } from './rule.js';

/** Clients sending fields the schema never listed were accepted and are now refused. */
export const requestAdditionalPropertiesClosed = defineRule({
  id: 'request-additional-properties-closed',
  direction: 'request',
  defaultSeverity: 'breaking',
  description: 'A request object that admitted unlisted properties is now closed (`additionalProperties: false`).',
  site: 'schema',
  detect: (site) =>
    site.old.additionalProperties !== false && site.new.additionalProperties === false
      ? [
          {
            message: 'request object is now closed: properties it does not list are refused',
            old: 'additionalProperties: open',
            new: 'additionalProperties: false',
          },
        ]
      : [],
});
