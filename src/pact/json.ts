/** JSON values as pact carries them (state parameters, injected values). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonMap = Record<string, JsonValue>;
