import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { guardOutput, RedactionFailure, type GuardOptions } from '../transport/redact.js';

/** A file to write: its name in the directory, and its text (rendered when written). */
export type RenderedFile = readonly [name: string, render: () => string];

/**
 * Writes files into `dir` (created if needed) through the final scan (`guardOutput`); returns the paths written. A
 * file that would hold the access token in any form, after decoding, is not written (a file of that name left by an
 * earlier run is removed, so nobody reads a stale file as this run's), the clean ones are, and it then throws
 * {@link RedactionFailure} naming the files withheld, with `written` listing the others.
 */
export function writeGuarded(dir: string, files: readonly RenderedFile[], options: GuardOptions = {}): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const withheld: RedactionFailure[] = [];
  for (const [name, render] of files) {
    const path = join(dir, name);
    let text: string;
    try {
      text = guardOutput(name, render(), options);
    } catch (error) {
      if (!(error instanceof RedactionFailure)) throw error;
      withheld.push(error);
      rmSync(path, { force: true });
      continue;
    }
    // A string is written as UTF-8.
    writeFileSync(path, text);
    written.push(path);
  }
  if (withheld.length > 0)
    throw new RedactionFailure(
      withheld.flatMap((failure) => failure.artifacts),
      withheld.flatMap((failure) => failure.forms),
      written,
    );
  return written;
}
