import { defineRule } from './rule.js';

/** A deprecation announces a removal; it breaks nothing yet (oasdiff `request-parameter-deprecated`, INFO). */
export const parameterDeprecated = defineRule({
  id: 'parameter-deprecated',
  direction: 'request',
  defaultSeverity: 'info',
  description: 'A parameter became `deprecated: true`.',
  site: 'parameter',
  detect: (site) =>
    site.old !== undefined && site.new !== undefined && !site.old.deprecated && site.new.deprecated
      ? [
          {
            message: `${site.new.in} parameter ${site.new.name} is now deprecated`,
            old: 'deprecated: false',
            new: 'deprecated: true',
          },
        ]
      : [],
});
