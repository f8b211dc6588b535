import {
  embeddedSandboxTarget,
  type EmbeddedSandboxOptions,
  type EmbeddedSandboxTarget,
} from '../../provider/embedded-target.js';
import { UnknownFaultError } from '../../provider/index.js';
import { UsageError } from './common.js';

/**
 * The embedded sandbox, started and tuned by the provider, for the commands that drive one (`run`, `replay`); an
 * unknown `--fault` is a usage error.
 */
export async function startEmbeddedSandbox(options: EmbeddedSandboxOptions): Promise<EmbeddedSandboxTarget> {
  try {
    return await embeddedSandboxTarget(options);
  } catch (error) {
    if (error instanceof UnknownFaultError) throw new UsageError(error.message);
    throw error;
  }
}
