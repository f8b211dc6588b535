import fc from 'fast-check';

/**
 * Human text: association labels (empty labels and unicode included: HubSpot users label in their
 * own language), error messages and categories.
 */

const REAL_LABELS = [
  'Primary',
  'Billing contact',
  'Décideur · 決定者',
  'Ansprechpartner',
  'Manager 👩‍💼',
  'Parent Company',
  'Child Company',
  'مدير',
] as const;

/** An association label: an empty string, a real-looking one, or arbitrary unicode. */
export function associationLabel(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...REAL_LABELS) },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 }) },
  );
}

const MESSAGES = [
  'No contact with ID 5434402448 exists',
  'Property values were not valid',
  'One or more associations could not be created',
  "This app hasn't been granted all required scopes to make this call.",
] as const;

/** An error message: a real one, or arbitrary unicode (messages are free text). */
export function errorMessage(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...MESSAGES) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  );
}

const CATEGORIES = [
  'OBJECT_NOT_FOUND',
  'VALIDATION_ERROR',
  'MISSING_SCOPES',
  'INVALID_AUTHENTICATION',
  'CONFLICT',
  'RATE_LIMITS',
  'INTERNAL_ERROR',
] as const;

/** An error category as HubSpot names them (a free string in every schema). */
export function errorCategory(): fc.Arbitrary<string> {
  return fc.constantFrom(...CATEGORIES);
}
