import { escapeToken } from '../../json-pointer.js';
import { defineRule } from './rule.js';

/** A header the spec promised on every response is gone: clients reading it fail (oasdiff ERR). */
export const responseRequiredHeaderRemoved = defineRule({
  id: 'response-required-header-removed',
  direction: 'response',
  defaultSeverity: 'breaking',
  description: 'A response header declared `required: true` is no longer declared.',
  site: 'response',
  detect: (site) =>
    [...site.old.headers]
      .filter(([key, header]) => header.required && !site.new.headers.has(key))
      .map(([, header]) => ({
        message: `required response header ${header.name} was removed`,
        old: header.name,
        pointer: `/headers/${escapeToken(header.name)}`,
      })),
});
