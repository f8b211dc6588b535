import type { Fault } from './fault.js';

/**
 * An archive that answers success and keeps the link: every sync that removes associations
 * believes it did. Both archives are auxiliary operations (the four endpoints never archive), so
 * the switch is an `auxiliaryPolicy`; records archived with objects batch archive still take
 * their associations with them, so a run's cleanup leaves nothing behind.
 */
export const fault: Fault = {
  name: 'archive-keeps-association',
  description: 'associations batch archive and the single DELETE answer their success status but keep the associations',
  kind: 'exchange',
  triggers: ['archive-effective'],
  auxiliaryPolicy: { applyAssociationArchives: false },
};
