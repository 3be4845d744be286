/**
 * `npm start` runs this after web/scripts/ensure-built.ts, in the same tsx process (`tsx --import
 * ./web/scripts/ensure-built.ts server/scripts/ensure-built.ts`: one tsx start-up instead of two, ~0.3 s of a warm
 * start): recompiles dist/server (build.ts) when it is missing or any of its sources changed (bin/compiled.js
 * decides); then `node dist/server/main.js` starts. `--force` rebuilds.
 */
import { serverStaleReason } from '../../bin/compiled.js';

const reason = process.argv.includes('--force') ? 'forced' : serverStaleReason();
if (reason === null) {
  console.log('服务端已是最新 / the server is up to date');
} else {
  console.log(`正在编译服务端 / compiling the server (${reason})…`);
  const { buildServer } = await import('./build.ts');
  const r = await buildServer();
  console.log(`服务端已编译 / server compiled (${r.inputs} files, ${r.ms} ms)`);
}
