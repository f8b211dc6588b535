import { escapeToken } from '../../json-pointer.js';
import { defineRule } from './rule.js';

/** An optional header was never guaranteed, but clients that used it lose it (oasdiff WARN). */
export const responseOptionalHeaderRemoved = defineRule({
  id: 'response-optional-header-removed',
  direction: 'response',
  defaultSeverity: 'warning',
  description: 'An optional response header is no longer declared.',
  site: 'response',
  detect: (site) =>
    [...site.old.headers]
      .filter(([key, header]) => !header.required && !site.new.headers.has(key))
      .map(([, header]) => ({
        message: `optional response header ${header.name} was removed`,
        old: header.name,
        pointer: `/headers/${escapeToken(header.name)}`,
      })),
});
