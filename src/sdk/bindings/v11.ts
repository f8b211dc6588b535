import { SHARED_LAYOUT } from './base.js';
import type { SdkBinding } from './binding.js';

/**
 * `@hubspot/api-client` 11.x, verified in 11.2.0: the shared layout under a newer generator. Every method gains a
 * `...WithHttpInfo` twin (the plain names the gate calls stay, with the same arguments), and most enums become run-time
 * objects (`export declare enum`), a few stay type-only unions. Still no configurations API: the
 * `lib/codegen/crm/associations/v4/schema` index exports `DefinitionsApi` only, so there is no generated class to
 * describe as unwired (why 11.x reports configurations missing without the note 13.x gets).
 */
export const V11_BINDING: SdkBinding = { ...SHARED_LAYOUT, major: 11, verified: '11.2.0' };
