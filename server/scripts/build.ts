/**
 * Compiles the server for production (`npm run build:server`, and `npm start` through ensure-built.ts when a source
 * changed): esbuild bundles each entry point — the server, the CLI and the two worker threads — into one ESM file in
 * dist/server/ (Node 20, source maps beside them). npm packages stay external (loaded from node_modules at run time)
 * except a few large pure-ESM ones (BUNDLED_PACKAGES); our workspace packages (@qixian/*, TypeScript) are bundled in.
 *
 * Files read at run time (seed CSVs, the search dictionary, the default framework, web/dist) stay where they are in
 * the repository: every `import.meta.dirname` is rewritten to the directory of the module's source file, expressed
 * relative to the bundle (so a moved checkout still works). `import.meta.url` keeps meaning the bundle itself, which
 * `createRequire` and worker-entry.ts rely on; any other use of it is refused here, since it would silently point
 * into dist/server/ once compiled.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const DIST = path.join(ROOT, 'dist', 'server');
/** Written last: when the build started (ms), then its inputs, one a line, for bin/compiled.js (`npm start`, `qixian`). */
export const INPUTS = path.join(DIST, 'inputs.txt');

/** Output name (dist/server/<name>.js) -> source. The workers must sit beside the bundles that start them. */
const ENTRIES: Record<string, string> = {
  main: 'server/src/main.ts',
  cli: 'server/src/cli/main.ts',
  'parse.worker': 'server/src/platform/spreadsheets/parse.worker.ts',
  'chart.worker': 'server/src/platform/documents/chart.worker.ts',
};

/** `import.meta.url` is only allowed where it must name the bundle. */
const ALLOWED_URL_USE = /(createRequire|workerEntry)\(\s*import\.meta\.url\b/g;

const sourcePaths: esbuild.Plugin = {
  name: 'qixian-source-paths',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
      const rest = code.replace(ALLOWED_URL_USE, '');
      if (/import\.meta\.url\b/.test(rest)) {
        const file = path.relative(ROOT, args.path);
        return {
          errors: [
            {
              text: `${file}: import.meta.url would name dist/server once compiled; use import.meta.dirname for files beside the source`,
            },
          ],
        };
      }
      const dir = path.relative(DIST, path.dirname(args.path)).split(path.sep).join('/');
      const contents = text.replace(/import\.meta\.dirname\b/g, `__qxSourceDir(${JSON.stringify(dir)})`);
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * Pure-JavaScript ESM packages of hundreds of small files, bundled because loading them file by file is most of a
 * warm start (echarts + zrender ~0.6 s, kysely ~0.15 s); none of them reads files of its own at run time.
 */
const BUNDLED_PACKAGES = new Set(['echarts', 'zrender', 'kysely']);

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Other npm packages stay in node_modules; @qixian/* workspace packages (TypeScript) are bundled. */
const externalPackages: esbuild.Plugin = {
  name: 'qixian-external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      // Absolute paths, and whatever a bundled package imports (tslib for echarts), are bundled.
      if (path.isAbsolute(args.path) || args.importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const name = packageName(args.path);
      if (name.startsWith('@qixian/') || BUNDLED_PACKAGES.has(name)) return undefined;
      return { path: args.path, external: true };
    });
  },
};

const BANNER = [
  `import { fileURLToPath as __qxFileURLToPath } from 'node:url';`,
  `const __qxSourceDir = (rel) => __qxFileURLToPath(new URL(rel, import.meta.url));`,
].join('\n');

export interface BuildResult {
  ms: number;
  inputs: number;
  bytes: number;
}

/** Builds dist/server from scratch. */
export async function buildServer(): Promise<BuildResult> {
  const started = performance.now();
  const startedMs = Date.now();
  await fs.promises.rm(DIST, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, src]) => [name, path.join(ROOT, src)])),
    outdir: DIST,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    sourcesContent: false,
    // Bundling renames colliding top-level names (`Foo` -> `Foo2`); errors and logs keep the written ones.
    keepNames: true,
    banner: { js: BANNER },
    plugins: [externalPackages, sourcePaths],
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.includes('node_modules/'));
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  await fs.promises.writeFile(INPUTS, [String(startedMs), ...inputs].join('\n') + '\n');
  return { ms: Math.round(performance.now() - started), inputs: inputs.length, bytes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await buildServer();
  console.log(
    `服务端已编译 / server compiled: dist/server (${r.inputs} files, ${(r.bytes / 1e6).toFixed(1)} MB, ${r.ms} ms)`,
  );
}
