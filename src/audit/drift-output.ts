/** Writers for a {@link DriftReport}: human text and one JSON document. */
import type { BodyDrift, DriftReport } from './drift.js';

function bodyLines(body: BodyDrift): string[] {
  const lines = [`  ${body.body} (${body.definition}, ${body.observed} bod${body.observed === 1 ? 'y' : 'ies'})`];
  for (const seen of body.unknownFields) lines.push(`    field not in schema       ${seen.path} (${seen.count}×)`);
  for (const seen of body.unknownEnumValues)
    lines.push(`    enum value not in schema  ${seen.path}: ${seen.value ?? ''} (${seen.count}×)`);
  if (body.neverSeen.length > 0) lines.push(`    never seen                ${body.neverSeen.join(', ')}`);
  if (body.unknownFields.length === 0 && body.unknownEnumValues.length === 0 && body.neverSeen.length === 0)
    lines.push('    no drift');
  return lines;
}

/** Per endpoint x version: the bodies walked and what drifted, then what was skipped. */
export function renderDriftHuman(report: DriftReport, source: string): string {
  const fields = report.endpoints.reduce((sum, e) => sum + e.bodies.reduce((n, b) => n + b.unknownFields.length, 0), 0);
  const values = report.endpoints.reduce(
    (sum, e) => sum + e.bodies.reduce((n, b) => n + b.unknownEnumValues.length, 0),
    0,
  );
  const lines = [
    `hsac audit drift ${source}: ${report.ok ? 'no drift' : 'DRIFT'} (${report.exchanges} exchanges; ${fields} field${fields === 1 ? '' : 's'} and ${values} enum value${values === 1 ? '' : 's'} the schemas lack)`,
  ];
  for (const endpoint of report.endpoints) {
    lines.push(
      '',
      `${endpoint.endpoint} ${endpoint.apiVersion} (${endpoint.exchanges} exchange${endpoint.exchanges === 1 ? '' : 's'})`,
    );
    for (const body of endpoint.bodies) lines.push(...bodyLines(body));
    if (endpoint.unobserved.length > 0) lines.push(`  not observed: ${endpoint.unobserved.join(', ')}`);
  }
  for (const skip of report.skipped)
    lines.push(
      '',
      `skipped: ${skip.count} exchange${skip.count === 1 ? '' : 's'} of ${skip.endpoint} ${skip.apiVersion} (${skip.reason})`,
    );
  return `${lines.join('\n')}\n`;
}

/**
 * What made the report not ok, in DESIGN.md's shared `{ check, severity, instancePath, message }` shape,
 * so tools reading every hsac command's `--json` find them: one error per field and per enum value
 * seen that a schema lacks (fields never seen are coverage, not findings).
 */
function driftFindings(report: DriftReport): Record<string, unknown>[] {
  return report.endpoints.flatMap(({ endpoint, apiVersion, bodies }) =>
    bodies.flatMap((body) => [
      ...body.unknownFields.map((seen) => ({
        check: 'drift-unknown-field',
        severity: 'error',
        instancePath: seen.path,
        message: `${body.body} carried ${seen.path}, which ${body.definition} does not declare (${seen.count}×)`,
        endpoint,
        apiVersion,
      })),
      ...body.unknownEnumValues.map((seen) => ({
        check: 'drift-unknown-enum-value',
        severity: 'error',
        instancePath: seen.path,
        message: `${body.body} carried ${seen.path} = ${seen.value ?? ''}, not in ${body.definition} (${seen.count}×)`,
        endpoint,
        apiVersion,
        ...(seen.value === undefined ? {} : { actual: seen.value }),
      })),
    ]),
  );
}

/** The report as one JSON document (`ok` false when a schema lacks something seen), with its `findings`. */
export function renderDriftJson(report: DriftReport): string {
  return `${JSON.stringify({ ...report, findings: driftFindings(report) }, null, 2)}\n`;
}
