import type { Fault } from './fault.js';
import { CATEGORY_TYPE_ID_SITES, mapField } from './kit.js';

const UNKNOWN = 'PORTAL_DEFINED';
const readAndConfig = mapField(CATEGORY_TYPE_ID_SITES, 'category', () => UNKNOWN);
const writeSide = mapField([['results', '*', 'associationSpec']], 'associationCategory', () => UNKNOWN);

/**
 * An association category outside the enum, as when HubSpot added `WORK` in 2026-02 (FACTS §5):
 * strict decoders built from the old enum rejected it.
 */
export const fault: Fault = {
  name: 'category-not-in-enum',
  description: `every association category (read side, write side, configurations) becomes "${UNKNOWN}", not in the enum`,
  kind: 'schema',
  triggers: ['enum'],
  response: (response, context) => writeSide(readAndConfig(response, context), context),
};
