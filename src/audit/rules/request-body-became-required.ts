import { defineRule } from './rule.js';

/**
 * Clients that send no body are now refused (oasdiff `added-required-request-body` / `request-body-became-required`,
 * ERR).
 */
export const requestBodyBecameRequired = defineRule({
  id: 'request-body-became-required',
  direction: 'request',
  defaultSeverity: 'breaking',
  description: 'A request body is now required where there was none, or where it was optional.',
  site: 'request-body',
  detect: (site) => {
    if (site.new?.required !== true || site.old?.required === true) return [];
    return [
      {
        message: site.old === undefined ? 'a required request body was added' : 'the request body became required',
        old: site.old === undefined ? '(no body)' : 'optional',
        new: 'required',
      },
    ];
  },
});
