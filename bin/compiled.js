/**
 * Whether the compiled server in dist/server (server/scripts/build.ts) is current: built, and neither an input of
 * that build (dist/server/inputs.txt: when it started, then one input per line) nor the build script, package.json or package-lock.json
 * changed since it started. Plain JavaScript, so `qixian` and `npm start` can ask without loading tsx.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
/** Inputs of every build besides the bundled sources. */
const ALWAYS = ['server/scripts/build.ts', 'package.json', 'package-lock.json'];

/** Why dist/server must be rebuilt, or null when it is current. */
export function serverStaleReason(root = ROOT) {
  let lines;
  try {
    lines = fs
      .readFileSync(path.join(root, 'dist', 'server', 'inputs.txt'), 'utf8')
      .trim()
      .split('\n');
  } catch {
    return 'not built';
  }
  const startedMs = Number(lines[0]);
  for (const rel of [...lines.slice(1), ...ALWAYS]) {
    const stat = fs.statSync(path.join(root, rel), { throwIfNoEntry: false });
    if (!stat) return `${rel} is gone`;
    if (!(stat.mtimeMs <= startedMs)) return `${rel} changed`;
  }
  return null;
}
