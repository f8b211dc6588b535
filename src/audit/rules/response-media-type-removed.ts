import { escapeToken } from '../../json-pointer.js';
import { defineRule } from './rule.js';

/**
 * A client asking for (or parsing) a media type that is no longer produced fails (oasdiff
 * `response-media-type-removed`, ERR).
 */
export const responseMediaTypeRemoved = defineRule({
  id: 'response-media-type-removed',
  direction: 'response',
  defaultSeverity: 'breaking',
  description: 'A response media type is no longer listed, while the response still has content.',
  site: 'response',
  detect: (site) =>
    site.new.mediaTypes.length === 0
      ? [] // no content at all is response-body-removed
      : site.old.mediaTypes
          .filter((type) => !site.new.mediaTypes.includes(type))
          .map((type) => ({
            message: `media type ${type} is no longer produced (now ${site.new.mediaTypes.join(', ')})`,
            old: type,
            pointer: `/content/${escapeToken(type)}`,
          })),
});
