import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { field } from '../json.js';

/**
 * Finding and reading the pact files a verification is given: a file, or every `*.json` in a
 * directory. What is not there, or is not a pact, is the caller's mistake ({@link PactFileError}, a
 * usage error), found before any provider is touched.
 */

/** A path that is no pact file, or a directory without one. */
export class PactFileError extends Error {
  override readonly name = 'PactFileError';
}

/** What a verification reports about one pact file. */
export interface PactFileSummary {
  readonly file: string;
  readonly consumer: string;
  readonly provider: string;
  /** Each interaction's description and the provider states it names (and with what parameters), in file order. */
  readonly interactions: readonly {
    readonly description: string;
    readonly states: readonly string[];
    readonly providerStates: readonly { readonly name: string; readonly params: unknown }[];
  }[];
}

function describeError(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}

/** A pacticipant's name, or a {@link PactFileError} naming the field that lacks one. */
function pacticipant(file: string, pact: unknown, role: 'consumer' | 'provider'): string {
  const name = field(field(pact, role), 'name');
  if (typeof name !== 'string' || name === '')
    throw new PactFileError(`${file} is not a pact file: it has no ${role}.name`);
  return name;
}

/** Reads one pact file's summary; throws {@link PactFileError} for anything that is not a pact. */
export function readPactFile(file: string): PactFileSummary {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PactFileError(`cannot read ${file}: ${describeError(error)}`);
  }
  let pact: unknown;
  try {
    pact = JSON.parse(text) as unknown;
  } catch {
    throw new PactFileError(`${file} is not a pact file: it is not JSON`);
  }
  const consumer = pacticipant(file, pact, 'consumer');
  const provider = pacticipant(file, pact, 'provider');
  const interactions = field(pact, 'interactions');
  if (!Array.isArray(interactions) || interactions.length === 0)
    throw new PactFileError(`${file} is not a pact file: it has no interactions`);
  return {
    file,
    consumer,
    provider,
    interactions: interactions.map((interaction: unknown, index) => {
      const description = field(interaction, 'description');
      if (typeof description !== 'string')
        throw new PactFileError(`${file} is not a pact file: interaction ${index} has no description`);
      const listed: unknown = field(interaction, 'providerStates');
      const providerStates = (Array.isArray(listed) ? (listed as unknown[]) : []).flatMap((state) => {
        const name = field(state, 'name');
        return typeof name === 'string' ? [{ name, params: field(state, 'params') }] : [];
      });
      return { description, states: providerStates.map((state) => state.name), providerStates };
    }),
  };
}

/**
 * The pact files of `paths` (files as given; directories: their `*.json` files, sorted), each read
 * and checked. A path that does not exist, a directory without a `.json` file, or a file that is not
 * a pact throws {@link PactFileError}.
 */
export function resolvePactFiles(paths: readonly string[]): PactFileSummary[] {
  const files = paths.flatMap((path) => {
    let directory: boolean;
    try {
      directory = statSync(path).isDirectory();
    } catch (error) {
      throw new PactFileError(`no pact file or directory at ${path}: ${describeError(error)}`);
    }
    if (!directory) return [path];
    const found = readdirSync(path)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => join(path, name));
    if (found.length === 0) throw new PactFileError(`${path} holds no pact file (*.json)`);
    return found;
  });
  return [...new Set(files)].map(readPactFile);
}
