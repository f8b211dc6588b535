import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { API_VERSIONS, allOperations, schemaDocumentPath, type ApiVersion } from '../catalogue/index.js';
import { recallWholeSecondMillis } from './instants.js';
import { PUBLISHED_DEFINITION, PUBLISHED_DOCUMENT, SchemaLoadError, SchemaRegistry, structureAjv } from './registry.js';

/**
 * The process-wide registry (every test shares the one compiled set; nothing here compiles it again): lookups of
 * documents, definitions and validators, what each says when asked for something that is not there, and the
 * published seed compiled per version.
 */
const registry = SchemaRegistry.load();

/** The SchemaLoadError `act` throws, for its message and document. */
function loadError(act: () => unknown): SchemaLoadError {
  try {
    act();
  } catch (error) {
    if (error instanceof SchemaLoadError) return error;
    throw error;
  }
  throw new Error('no SchemaLoadError was thrown');
}

describe('SchemaRegistry', () => {
  it('is loaded once per process', () => {
    expect(SchemaRegistry.load()).toBe(registry);
  });

  it('holds one document per API version, under its compiled $id', () => {
    for (const version of API_VERSIONS) {
      const document = registry.document(version);
      expect(document.id).toBe(document.schema.$id);
      expect(document.id, version).toMatch(/^https?:\/\//);
      expect(document.source.definitions, version).toBeTypeOf('object');
    }
  });

  it('refuses a document it has not loaded, naming it', () => {
    const error = loadError(() => registry.document('v5'));
    expect(error).toMatchObject({ name: 'SchemaLoadError', document: 'v5' });
    expect(error.message).toBe('no schema document "v5" is loaded');
  });

  it('compiles a validator once and hands the same one out after', () => {
    const validate = registry.validator('v4', 'PublicObjectId');
    expect(registry.validator('v4', 'PublicObjectId')).toBe(validate);
    expect(validate({ id: '1' })).toBe(true);
    expect(validate({ id: 1 })).toBe(false);
    // All errors, not the first: the reporting validator lists every problem of a body.
    expect(registry.validator('v4', 'BatchInputPublicFetchAssociationsBatchRequest')({ inputs: [{}, {}] })).toBe(false);
    expect(registry.validator('v4', 'BatchInputPublicFetchAssociationsBatchRequest').errors).toHaveLength(2);
    // Definitions of one name in two versions are two validators.
    expect(registry.validator('2026-03', 'PublicObjectId')).not.toBe(validate);
  });

  it('refuses a definition a document does not have, every time', () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = loadError(() => registry.validator('v4', 'NoSuchDefinition'));
      expect(error.document).toBe('v4');
      expect(error.message).toMatch(/^cannot compile https?:\/\/\S+#\/\$defs\/NoSuchDefinition: /);
    }
  });

  it('reads a schema node of a definition, or the document root, and nothing inherited', () => {
    expect(registry.schemaNode('v4', 'PublicObjectId')).toMatchObject({ type: 'object', required: ['id'] });
    expect(registry.schemaNode('v4')).toBe(registry.document('v4').schema);
    for (const missing of ['NoSuchDefinition', 'toString']) {
      const error = loadError(() => registry.schemaNode('v4', missing));
      expect(error.message).toBe(`definition "${missing}" not found in v4`);
      expect(error.document).toBe('v4');
    }
  });

  it('gives a fast validator in first-error mode, compiled once', () => {
    const fast = registry.fastValidator('v4', 'BatchInputPublicFetchAssociationsBatchRequest');
    expect(fast).toBeTypeOf('function');
    expect(registry.fastValidator('v4', 'BatchInputPublicFetchAssociationsBatchRequest')).toBe(fast);
    expect(fast?.({ inputs: [{ id: '1' }] })).toBe(true);
    expect(fast?.({ inputs: [{}, {}] })).toBe(false);
    expect(fast?.errors).toHaveLength(1);
  });

  it('keeps the ordinary path, and says why, for a definition it cannot inline', () => {
    const key = 'v4#NoSuchDefinition';
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        expect(registry.fastValidator('v4', 'NoSuchDefinition')).toBeUndefined();
        expect(registry.fastPathRefused.get(key)).toBe('not inlinable: no definition NoSuchDefinition');
      }
    } finally {
      // The registry is shared: fast-path.spec.ts expects no refusal of a catalogue definition.
      registry.fastPathRefused.delete(key);
    }
  });

  it('compiles the published seed in repair mode once per version, each under an id of its own', () => {
    const v4 = registry.publishedDocument('v4');
    expect(v4.key).toBe(`${PUBLISHED_DOCUMENT}@v4`);
    expect(v4.repairs.length).toBeGreaterThan(0);
    expect(registry.publishedDocument('v4').repairs).toBe(v4.repairs);
    const later = registry.publishedDocument('2026-09');
    expect(later.key).toBe('published@2026-09');
    const ids = [registry.document(v4.key).id, registry.document(later.key).id];
    expect(ids[0]).toMatch(/^https?:\/\/[^#?]+\?repairedWith=v4$/);
    expect(ids[1]).toMatch(/\?repairedWith=2026-09$/);
    expect(registry.document(v4.key).schema.$id).toBe(ids[0]);
    expect(registry.validator(v4.key)({ status: 'COMPLETE', results: [], startedAt: 'x' })).toBe(false);
    expect(PUBLISHED_DEFINITION).toBe('BatchAssociationResponse');
  });
});

/**
 * Registries of their own over fixture trees (a temp dir laid out as the package's schemas/): what loading says of
 * an unreadable, non-object, non-Structure or duplicate document, and that it compiles every definition the
 * catalogue names before anything runs. The fixture documents are small: one definition per catalogue name.
 */
describe('SchemaRegistry.loadFrom', () => {
  const CORE = 'https://json-structure.org/meta/core/v0/#';
  const firstPath = schemaDocumentPath(API_VERSIONS[0]);
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  /** A fixture tree holding `documents` (path -> file text). */
  function fixtureRoot(documents: Readonly<Record<string, string>>): string {
    const root = mkdtempSync(join(tmpdir(), 'hsac-registry-'));
    roots.push(root);
    for (const [path, text] of Object.entries(documents)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }

  /** Every definition the catalogue names for `version`, but `omit`: two required strings and an optional stamp. */
  function catalogueDocument(version: ApiVersion, omit?: string): string {
    const names = new Set<string>();
    for (const op of allOperations().filter((candidate) => candidate.apiVersion === version)) {
      for (const name of [op.requestDefinition, ...op.responses.map((response) => response.definition)]) {
        if (name !== undefined) names.add(name);
      }
      names.add(op.errorDefinition).add(op.rateLimitDefinition);
    }
    names.delete(omit ?? '');
    const definition = {
      type: 'object',
      properties: { id: { type: 'string' }, label: { type: 'string' }, at: { type: 'datetime' } },
      required: ['id', 'label'],
    };
    const definitions = Object.fromEntries([...names].map((name) => [name, definition]));
    return JSON.stringify({ $schema: CORE, $id: `https://hsac.test/${version}.json`, name: 'Fixture', definitions });
  }

  /** A fixture tree of every version's catalogue document; `omit` is left out of the first version's. */
  function catalogueRoot(omit?: string): string {
    const documents = API_VERSIONS.map((version, at): [string, string] => {
      return [schemaDocumentPath(version), catalogueDocument(version, at === 0 ? omit : undefined)];
    });
    return fixtureRoot(Object.fromEntries(documents));
  }

  it('refuses a document it cannot read, naming it', () => {
    const error = loadError(() => SchemaRegistry.loadFrom(fixtureRoot({})));
    expect(error.document).toBe(firstPath);
    expect(error.message).toMatch(new RegExp(`^cannot read ${firstPath}: ENOENT`));
  });

  it('refuses a document that is not a JSON object: malformed, an array, null or a number', () => {
    const malformed = loadError(() => SchemaRegistry.loadFrom(fixtureRoot({ [firstPath]: '{' })));
    expect(malformed.document).toBe(firstPath);
    expect(malformed.message).toMatch(new RegExp(`^${firstPath} is not a JSON object: .*JSON`));
    for (const text of ['[]', 'null', '42']) {
      const error = loadError(() => SchemaRegistry.loadFrom(fixtureRoot({ [firstPath]: text })));
      expect(error.document, text).toBe(firstPath);
      expect(error.message, text).toBe(`${firstPath} is not a JSON object: root is not an object`);
    }
  });

  it('refuses a document that is not valid JSON Structure, listing its first five errors and no warning', () => {
    // The name is a warning (not an identifier); six definitions of an unknown type are six errors.
    const types = Object.fromEntries(['A', 'B', 'C', 'D', 'E', 'F'].map((name) => [name, { type: 'nope' }]));
    const invalid = JSON.stringify({ $schema: CORE, $id: 'https://hsac.test/x.json', name: '1x', definitions: types });
    const error = loadError(() => SchemaRegistry.loadFrom(fixtureRoot({ [firstPath]: invalid })));
    expect(error.document).toBe(firstPath);
    const listed = ['A', 'B', 'C', 'D', 'E'].map(
      (name) => `SCHEMA_TYPE_INVALID at "/definitions/${name}/type": unknown type "nope"`,
    );
    expect(error.message).toBe(`${firstPath} is not valid JSON Structure: ${listed.join('; ')}`);
  });

  it('refuses a document without an $id: the linter names it', () => {
    const document = JSON.stringify({ $schema: CORE, name: 'Fixture', definitions: { A: { type: 'string' } } });
    const error = loadError(() => SchemaRegistry.loadFrom(fixtureRoot({ [firstPath]: document })));
    expect(error.document).toBe(firstPath);
    expect(error.message).toBe(
      `${firstPath} is not valid JSON Structure: SCHEMA_ROOT_MISSING_ID at "": missing required '$id' keyword at root`,
    );
  });

  it('refuses a document ajv rejects (an $id already registered), naming its version', () => {
    const [first, second] = API_VERSIONS;
    const document = catalogueDocument(first);
    const root = fixtureRoot({ [schemaDocumentPath(first)]: document, [schemaDocumentPath(second)]: document });
    const error = loadError(() => SchemaRegistry.loadFrom(root));
    expect(error.document).toBe(second);
    expect(error.message).toMatch(new RegExp(`^${second}: ajv rejected the compiled schema: .*already exists`));
  });

  it('compiles every definition the catalogue names at load: a missing 2xx definition stops it', () => {
    const op = allOperations().find((candidate) => candidate.apiVersion === API_VERSIONS[0]);
    const missing = op?.responses[0]?.definition ?? '';
    const error = loadError(() => SchemaRegistry.loadFrom(catalogueRoot(missing)));
    expect(error.document).toBe(API_VERSIONS[0]);
    expect(error.message).toContain(`cannot compile https://hsac.test/${API_VERSIONS[0]}.json#/$defs/${missing}: `);
  });

  it('loads a complete tree: reporting validators list every error, fast ones stop at the first', () => {
    const registry = SchemaRegistry.loadFrom(catalogueRoot());
    const [version] = API_VERSIONS;
    const validate = registry.validator(version, 'Error');
    expect(validate({})).toBe(false);
    expect(validate.errors?.map((error) => error.params)).toEqual([
      { missingProperty: 'id' },
      { missingProperty: 'label' },
    ]);
    const fast = registry.fastValidator(version, 'Error');
    expect(fast?.({})).toBe(false);
    expect(fast?.errors).toHaveLength(1);
    // One fast compiler serves every definition.
    expect(registry.fastValidator(version, 'RateLimitError')?.({ id: '1', label: 'x' })).toBe(true);
    expect(registry.fastPathRefused.size).toBe(0);
  });

  it("checks date-time stamps by the fast format, which remembers each one's instant for the ordering rule", () => {
    const registry = SchemaRegistry.loadFrom(catalogueRoot());
    const at = '2026-12-03T22:40:34.5+01:00';
    expect(registry.validator(API_VERSIONS[0], 'Error')({ id: '1', label: 'x', at })).toBe(true);
    expect(recallWholeSecondMillis(at)).toBe(Date.parse('2026-12-03T22:40:34+01:00'));
    const fastAt = '2026-12-03T22:41:00Z';
    expect(registry.fastValidator(API_VERSIONS[0], 'Error')?.({ id: '1', label: 'x', at: fastAt })).toBe(true);
    expect(recallWholeSecondMillis(fastAt)).toBe(Date.parse(fastAt));
  });
});

describe('structureAjv', () => {
  it('is strict: a schema with a keyword it does not know is a compile error, not a silent pass', () => {
    expect(() => structureAjv(true).compile({ type: 'object', notAKeyword: 1 })).toThrow(/unknown keyword/);
  });
});
