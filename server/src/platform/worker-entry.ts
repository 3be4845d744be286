/**
 * How to start one of the server's worker threads (`<name>.ts` beside the caller, e.g. `parse.worker`). From sources
 * (tsx, tests) the worker is TypeScript and loads itself through tsx's ESM API — plain `--import tsx` does not reach
 * workers on Node 20. In the compiled server (`npm start`, dist/server) every module is bundled into one file, so the
 * caller's `import.meta.url` is the bundle's and the worker is the compiled `<name>.js` beside it
 * (server/scripts/build.ts bundles each worker as its own entry point).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export interface WorkerEntry {
  /** The first argument of `new Worker(…)`. */
  filename: string | URL;
  /** Its `eval` option: true when `filename` is the tsx bootstrap code. */
  eval: boolean;
}

/** The worker `<name>` next to the module at `callerUrl` (pass `import.meta.url`). */
export function workerEntry(callerUrl: string, name: string): WorkerEntry {
  if (callerUrl.endsWith('.js')) return { filename: new URL(`./${name}.js`, callerUrl), eval: false };
  const source = new URL(`./${name}.ts`, callerUrl).href;
  const tsxApi = pathToFileURL(
    createRequire(callerUrl)
      .resolve('tsx/package.json')
      .replace(/package\.json$/, 'dist/esm/api/index.mjs'),
  ).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)}))`;
  return { filename: boot, eval: true };
}
