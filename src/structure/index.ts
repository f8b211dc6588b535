/**
 * JSON Structure -> JSON Schema 2020-12: the compiler, the structure-document linter, and the ajv
 * vocabulary the compiled schemas need. `schemas/` holds JSON Structure documents; everything
 * that validates against them goes through here.
 */
export type { StructureIssue } from './issues.js';
export { StructureCompileError } from './issues.js';
export { lintStructure } from './lint.js';
export type { RepairOptions } from './repair.js';
export type { CompileOptions, CompiledStructure } from './compile.js';
export { compileStructure } from './compile.js';
export { addStructureVocabulary } from './vocabulary.js';
export { jsonSchemaPointer } from './refs.js';
