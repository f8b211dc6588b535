import type { AuxiliaryOperation, AuxiliaryResponse } from '../../src/catalogue/index.js';

/** The declared success response of an auxiliary operation (its status comes from the catalogue). */
export function auxiliarySuccess(operation: AuxiliaryOperation): AuxiliaryResponse {
  const success = operation.responses.find((response) => response.kind === 'success');
  if (!success) throw new Error(`${operation.id} ${operation.apiVersion} declares no success response`);
  return success;
}
