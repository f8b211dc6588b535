import { describeSettings, readPropertySettings } from '../../properties/settings.js';

/**
 * vitest global setup (runs once per `vitest run`, before any worker): prints the property seed
 * once, and pins a random seed into `HSAC_SEED` so every worker and project of this run draws from
 * the same seed the line printed. Without this, each worker would roll its own random seed and the
 * printed one would replay nothing.
 */
export default function setup(): void {
  const settings = readPropertySettings();
  if (settings.seedSource === 'random') process.env.HSAC_SEED = String(settings.seed);
  process.stdout.write(`${describeSettings(settings)}\n`);
}
