import { defineRule } from './rule.js';

/** What clients send is no longer described: a server is free to refuse it (oasdiff `request-body-removed`, ERR). */
export const requestBodyRemoved = defineRule({
  id: 'request-body-removed',
  direction: 'request',
  defaultSeverity: 'breaking',
  description: 'The operation no longer takes the request body it took.',
  site: 'request-body',
  detect: (site) =>
    site.old !== undefined && site.new === undefined
      ? [{ message: 'the request body was removed', old: 'body', new: '(no body)' }]
      : [],
});
