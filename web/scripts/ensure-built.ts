/**
 * `npm start` runs this first: builds the web app (map extraction + Vite) when web/dist is missing or older than
 * any source file under web/ or contracts/, so a fresh clone starts with a working console and portal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const root = path.resolve(import.meta.dirname, '..', '..');
const dist = path.join(root, 'web', 'dist');
const SOURCES = [
  'web/src',
  'web/index.html',
  'web/console.html',
  'web/vite.config.ts',
  'web/scripts',
  'contracts',
  'package-lock.json',
];

function newest(p: string): number {
  const full = path.join(root, p);
  if (!fs.existsSync(full)) return 0;
  const st = fs.statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of fs.readdirSync(full)) m = Math.max(m, newest(path.join(p, e)));
  return m;
}

function builtAt(): number {
  const marker = path.join(dist, 'console.html');
  return fs.existsSync(marker) && fs.existsSync(path.join(dist, 'index.html')) ? fs.statSync(marker).mtimeMs : 0;
}

const built = builtAt();
const changed = Math.max(...SOURCES.map(newest));
if (built === 0 || changed > built || process.argv.includes('--force')) {
  console.log(
    built === 0 ? '正在构建网页 / building the web app…' : '网页源码已更新，重新构建 / rebuilding the web app…',
  );
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    {
      cwd: root,
      stdio: 'inherit',
      // Always a production build: a test runner's NODE_ENV=test would otherwise give React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
} else {
  console.log('网页已是最新 / the web app is up to date');
}
