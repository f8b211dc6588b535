import { escapeToken } from '../../json-pointer.js';
import { defineRule } from './rule.js';

/** Clients sending that media type are refused (oasdiff `request-body-media-type-removed`, ERR). */
export const requestMediaTypeRemoved = defineRule({
  id: 'request-media-type-removed',
  direction: 'request',
  defaultSeverity: 'breaking',
  description: 'A request body media type is no longer accepted.',
  site: 'request-body',
  detect: (site) => {
    if (site.old === undefined || site.new === undefined || site.new.mediaTypes.length === 0) return [];
    const after = site.new.mediaTypes;
    return site.old.mediaTypes
      .filter((type) => !after.includes(type))
      .map((type) => ({
        message: `request media type ${type} is no longer accepted (now ${after.join(', ')})`,
        old: type,
        pointer: `/content/${escapeToken(type)}`,
      }));
  },
});
