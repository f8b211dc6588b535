import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaDocumentPath } from '../../src/catalogue/index.js';
import { packageRoot } from '../../src/paths.js';
import { checkIdsOf } from '../../src/registry/index.js';
import { arbitraries } from '../arbitraries/index.js';
import { exampleOf } from '../example.js';
import { catalogueDefinitions, mutationById, mutationCatalogue, mutationsFor, severityUnder } from './index.js';

const catalogue = mutationCatalogue();

describe('the mutation catalogue', () => {
  it('has unique ids and only known check ids', () => {
    expect(new Set(catalogue.map((m) => m.id)).size).toBe(catalogue.length);
    const known = new Set<string>(checkIdsOf('schema', 'body-rule', 'request'));
    expect(catalogue.filter((m) => !known.has(m.check)).map((m) => m.id)).toEqual([]);
  });

  it('declares a lenient warning exactly where it names a tolerance, and a strict one only for an undeclared field', () => {
    for (const m of catalogue) {
      expect(m.severityByProfile.strict, m.id).toBe(m.tolerance === 'unknown-field' ? 'warning' : 'error');
      expect(m.severityByProfile.lenient, m.id).toBe(m.tolerance ? 'warning' : 'error');
    }
  });

  it('every undeclared field is an unknown-field warning under both profiles by default, and an error under both when unknown fields are errors', () => {
    const unknown = catalogue.filter((m) => m.family === 'unknown-field');
    expect(unknown.length).toBeGreaterThan(0);
    // Error bodies included: one id, so the user's setting grades every undeclared field.
    expect(unknown.some((m) => m.id.startsWith('unknown-field:Error/'))).toBe(true);
    for (const m of unknown) {
      expect([m.check, m.tolerance], m.id).toEqual(['unknown-field', 'unknown-field']);
      for (const profile of ['strict', 'lenient'] as const) {
        expect(severityUnder(m, { profile }), m.id).toBe('warning');
        expect(severityUnder(m, { profile, unknownFields: 'warn' }), m.id).toBe('warning');
        expect(severityUnder(m, { profile, unknownFields: 'error' }), m.id).toBe('error');
      }
    }
    // The setting changes nothing else.
    for (const m of catalogue.filter((m) => m.tolerance !== 'unknown-field')) {
      for (const profile of ['strict', 'lenient'] as const)
        expect(severityUnder(m, { profile, unknownFields: 'error' }), m.id).toBe(m.severityByProfile[profile]);
    }
  });

  it('removes every required field at every level: one mutation per `required` entry of the JSON Structure sources', () => {
    // Read from the source documents, not the compiled schema the derivation walks, so the two agree independently.
    const removed = new Set(
      catalogue.filter((m) => m.family === 'required-removed').map((m) => m.id.replace(/^required-removed:/, '')),
    );
    for (const { apiVersion, definition } of catalogueDefinitions()) {
      const source = JSON.parse(readFileSync(`${packageRoot()}/${schemaDocumentPath(apiVersion)}`, 'utf8')) as {
        definitions: Record<string, { required?: string[] }>;
      };
      for (const name of source.definitions[definition]?.required ?? []) {
        expect(removed.has(`${definition}/${name}`), `${apiVersion} ${definition}.${name}`).toBe(true);
      }
    }
    // And nested ones: StandardError.category inside a 207 body, ErrorDetail.message inside an Error.
    expect(removed).toContain('BatchResponsePublicAssociationMultiWithLabelWithErrors/errors/*/category');
    expect(removed).toContain('BatchResponsePublicAssociationMultiWithLabelWithErrors/errors/*/message');
    expect(removed).toContain('Error/errors/*/message');
    expect(removed).toContain('BatchResponsePublicAssociationMultiWithLabel/results/*/to/*/associationTypes/*/typeId');
  });

  it("holds the issue's named mutations", () => {
    const ids = [
      'enum-unknown:BatchResponsePublicDefaultAssociation/status=CANCELLED',
      'enum-lower-case:BatchResponsePublicAssociationMultiWithLabel/status',
      'wrong-type:BatchResponsePublicAssociationMultiWithLabel/results/*/to/*/toObjectId=integer',
      'format:BatchResponsePublicAssociationMultiWithLabel/startedAt=february-30',
      'format:BatchResponsePublicAssociationMultiWithLabel/completedAt=no-offset',
      'int32-range:BatchResponsePublicAssociationMultiWithLabel/results/*/to/*/associationTypes/*/typeId=above-int32',
      'docs-example:BatchResponsePublicAssociationMultiWithLabelWithErrors/errors/*/errors/*/context',
      'num-errors-disagrees-with-errors',
      'completed-before-started',
      'started-before-requested',
      'multi-status-without-errors',
      'inputs-over-limit:1000',
    ];
    for (const id of ids) expect(() => mutationById(id), id).not.toThrow();
    expect(mutationById('enum-unknown:BatchResponsePublicDefaultAssociation/status=CANCELLED').check).toBe(
      'status-enum',
    );
    expect(
      mutationById('docs-example:BatchResponsePublicAssociationMultiWithLabelWithErrors/errors/*/errors/*/context')
        .check,
    ).toBe('error-shape');
  });

  it('follows the versions: no 207 mutations in 2026-09, no fromObjectTypeId mutations there either', () => {
    expect(mutationsFor('batch-read', '2026-09', 207)).toEqual([]);
    expect(mutationsFor('batch-read', '2026-09', 200).some((m) => m.id.includes('fromObjectTypeId'))).toBe(false);
    expect(mutationsFor('batch-read', '2026-03', 200).some((m) => m.id.includes('fromObjectTypeId'))).toBe(true);
    expect(mutationsFor('configurations-batch-create', '2025-09', 200).some((m) => m.id.startsWith('num-errors'))).toBe(
      true,
    );
    expect(mutationsFor('configurations-batch-create', '2026-03', 201).some((m) => m.id.startsWith('num-errors'))).toBe(
      false,
    );
  });

  it('applies purely: a copy changes, the input does not', () => {
    const body = exampleOf(arbitraries.batchReadResponse({ apiVersion: '2026-03', status: 207, complete: true }), 9);
    const before = JSON.stringify(body);
    for (const m of mutationsFor('batch-read', '2026-03', 207)) {
      for (const at of m.sites(body)) {
        expect(JSON.stringify(m.apply(body, at)), m.id).not.toBe(before);
      }
    }
    expect(JSON.stringify(body)).toBe(before);
  });

  it('refuses a site the body does not have', () => {
    const m = mutationById('completed-before-started');
    expect(m.sites({ status: 'COMPLETE' })).toEqual([]);
    expect(() => m.apply({ status: 'COMPLETE' })).toThrow(/has no site/);
    expect(() => mutationById('nope')).toThrow(/no mutation "nope"/);
  });
});
