/**
 * Bundle sizes: first-load JavaScript (entry + static imports, gzip level 9) of the public portal and the staff
 * console, every lazy page chunk, and the region map, read from web/dist/.vite/manifest.json after `npm run
 * build:web`. Bars (../shared/specs/performance.md): portal <= 200 KB gzip, console initial <= 600 KB gzip. The
 * same-run baseline is a hello-world React page built by the same Vite (the floor any React page pays).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'web', 'dist');

interface Chunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  src?: string;
  name?: string;
}

const gz = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function firstLoad(manifest: Record<string, Chunk>, key: string): { files: string[]; bytes: number } {
  const seen = new Set<string>();
  const visit = (k: string) => {
    const c = manifest[k];
    if (!c || seen.has(c.file)) return;
    seen.add(c.file);
    for (const i of c.imports ?? []) visit(i);
  };
  visit(key);
  const files = [...seen].filter((f) => f.endsWith('.js'));
  return { files, bytes: files.reduce((s, f) => s + gz(f), 0) };
}

/** A hello-world React page built by the same Vite in the same run: the floor any React page pays. */
function reactBaseline(): number {
  const dir = path.join(root, 'node_modules', '.cache', 'qixian-bundle-baseline');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><div id="root"></div><script type="module" src="./main.js"></script>',
  );
  fs.writeFileSync(
    path.join(dir, 'main.js'),
    "import { createElement } from 'react'; import { createRoot } from 'react-dom/client';\n" +
      "createRoot(document.getElementById('root')).render(createElement('h1', null, 'hello'));\n",
  );
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      dir,
      '--logLevel',
      'warn',
      '--outDir',
      path.join(dir, 'dist'),
    ],
    { cwd: root, stdio: 'inherit' },
  );
  const assets = path.join(dir, 'dist', 'assets');
  return fs
    .readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .reduce((s, f) => s + zlib.gzipSync(fs.readFileSync(path.join(assets, f)), { level: 9 }).length, 0);
}

if (!process.argv.includes('--no-build'))
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
    { cwd: root, stdio: 'inherit' },
  );
const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
  string,
  Chunk
>;
const baseline = reactBaseline();
const portal = firstLoad(manifest, 'index.html');
const consoleInitial = firstLoad(manifest, 'console.html');
const map = zlib.gzipSync(fs.readFileSync(path.join(dist, 'maps', '150000.json')), { level: 9 }).length;

console.log(`baseline (hello-world React page, same Vite, same run): ${kb(baseline)} gzip`);
console.log(
  `portal first load:  ${kb(portal.bytes)} gzip (${portal.files.length} files; bar 200 KB; ${(portal.bytes / baseline).toFixed(2)}x baseline)`,
);
console.log(
  `console first load: ${kb(consoleInitial.bytes)} gzip (${consoleInitial.files.length} files; bar 600 KB; ${(consoleInitial.bytes / baseline).toFixed(2)}x baseline)`,
);
console.log(`region map (103 counties, fetched on demand): ${kb(map)} gzip`);
console.log('lazy console pages (own chunk only):');
for (const c of Object.values(manifest)
  .filter((x) => x.isDynamicEntry)
  .sort((a, b) => gz(b.file) - gz(a.file)))
  console.log(`  ${(c.name ?? c.file).padEnd(22)} ${kb(gz(c.file))}`);
const ok = portal.bytes <= 200 * 1024 && consoleInitial.bytes <= 600 * 1024;
console.log(ok ? 'both bars met' : 'a bar is missed');
