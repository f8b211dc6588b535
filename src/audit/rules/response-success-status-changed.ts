import { defineRule } from './rule.js';

/**
 * 201 -> 200, 200 -> 201, 204 -> 200: clients that match exact codes treat the new one as an
 * error. This broke HubSpot's Node, PHP and Python SDKs in 2025 (FACTS.md §8.1, §8.2, §8.7).
 */
export const responseSuccessStatusChanged = defineRule({
  id: 'response-success-status-changed',
  direction: 'response',
  defaultSeverity: 'breaking',
  description:
    'A success code was replaced by another (201 -> 200, 200 -> 201, 204 <-> 200); exact-code clients break.',
  site: 'responses',
  detect: (site) =>
    site.pairing.changed.map(([before, after]) => ({
      status: `${before}→${after}`,
      message: `success status ${before} became ${after}; clients matching the exact code treat ${after} as an error`,
      old: before,
      new: after,
    })),
});
