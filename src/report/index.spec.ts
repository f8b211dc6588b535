import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPORT_FILES, writeReports } from './index.js';
import { sampleResult } from './sample.js';

describe('writeReports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hsac-write-reports-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("report.html's replay lines name report.json in the directory as the user named it, else as written to", () => {
    const page = (name: string): string => readFileSync(join(dir, name, REPORT_FILES.html), 'utf8');
    writeReports(sampleResult(), join(dir, 'named'), { reportDir: 'reports/latest' });
    expect(page('named')).toContain(
      '<pre class="replay-finding">hsac replay reports/latest/report.json --finding 1</pre>',
    );
    writeReports(sampleResult(), join(dir, 'plain'));
    expect(page('plain')).toContain(`hsac replay ${join(dir, 'plain', REPORT_FILES.json)} --finding 2</pre>`);
  });
});
