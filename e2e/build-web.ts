/** Vitest global setup for the browser journeys: makes sure web/dist is current (see web/scripts/ensure-built.ts). */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'web/scripts/ensure-built.ts'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
