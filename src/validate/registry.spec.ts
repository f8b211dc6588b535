import { describe, expect, it } from 'vitest';
import { API_VERSIONS } from '../catalogue/index.js';
import { PUBLISHED_DEFINITION, PUBLISHED_DOCUMENT, SchemaLoadError, SchemaRegistry } from './registry.js';

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
