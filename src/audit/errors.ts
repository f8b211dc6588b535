/**
 * The audit's one typed error. Unreadable or unparsable inputs, documents that are neither OpenAPI
 * nor JSON Structure, unresolved references and bad configuration are usage problems: the CLI
 * prints the message on one line and exits 2 (DESIGN.md), and nothing prints a stack trace.
 */
export class AuditInputError extends Error {
  override readonly name = 'AuditInputError';
}
