import { sdkEnums } from '../../sdk/bindings.js';
import { enumGaps, locate, reachableDefinitions } from '../enums.js';
import type { GateCheck } from './gate-check.js';

/**
 * The SDK's TypeScript enums list every value the schema allows, per version, attributed to the
 * exposed endpoints whose bodies reach the enum: typed code cannot name a value its enum lacks
 * (the decoder passes it through, so the decode checks cannot see this).
 */
export const sdkEnumValues: GateCheck = {
  id: 'sdk-enum-values',
  finished(exposed, gate, report) {
    for (const op of exposed) {
      const enums = sdkEnums(gate.sdk, op.endpoint, op.apiVersion);
      if (!enums) continue;
      report.ran(op.endpoint, op.apiVersion);
      const reachable = reachableDefinitions(op);
      for (const gap of enumGaps(op.apiVersion, enums).filter((g) => reachable.has(g.definition))) {
        const place = `${gap.definition}.${gap.property}`;
        report.observe({
          severity: 'warning',
          endpoint: op.endpoint,
          apiVersion: op.apiVersion,
          // Where the enum's first value sits in a body (the schema location is in the message).
          instancePath: locate(op, gap.definition, gap.property) ?? '',
          pattern: place,
          message:
            `${gap.sdkEnum} lacks ${gap.missing.join(', ')}, which ${op.apiVersion} allows in ${place} ` +
            `(#/$defs/${gap.definition}/properties/${gap.property}): typed code cannot name it ` +
            '(the decoder passes it through unchanged)',
          expected: gap.missing,
        });
      }
    }
  },
};
