/**
 * Security probe (issue 9): replays every finding of the acceptance probe against running servers and prints one line
 * per finding, `held` or `NOT HELD`, with figures. Not part of the fast suite; CI runs it after the browser journeys.
 *
 *   npx tsx bench/security-probe.ts            # every finding
 *   npx tsx bench/security-probe.ts 1 3 7      # only these findings
 *
 * Servers are child processes on 127.0.0.1 over fresh SQLite data directories in demo mode (production-mode checks
 * start their own). Exit status 1 when any finding does not hold.
 */
import { startQixian, type Probe, type ProbeContext } from './security-probe/lib.ts';

async function loadProbes(): Promise<Probe[]> {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const { fileURLToPath, pathToFileURL } = await import('node:url');
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'security-probe');
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^f\d\d-.*\.ts$/.test(f))
    .sort();
  const probes: Probe[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { probe: Probe };
    probes.push(mod.probe);
  }
  return probes.sort((a, b) => a.id - b.id);
}

async function main(): Promise<void> {
  const only = new Set(process.argv.slice(2).map(Number).filter(Number.isFinite));
  const probes = (await loadProbes()).filter((p) => only.size === 0 || only.has(p.id));
  const started = Date.now();
  const demo = await startQixian({});
  const ctx: ProbeContext = {
    demo,
    startServer: (env, o) => startQixian(env, o?.readyTimeoutMs),
    totpSecrets: new Map(),
  };
  let failures = 0;
  try {
    for (const p of probes) {
      const t0 = Date.now();
      let line: string;
      try {
        const r = await p.run(ctx);
        if (!r.held) failures++;
        line = `${r.held ? 'held    ' : 'NOT HELD'} ${r.detail}`;
      } catch (err) {
        failures++;
        line = `NOT HELD probe error: ${err instanceof Error ? err.message : String(err)}`;
      }
      console.log(
        `finding ${String(p.id).padStart(2)}  ${line}  [${p.title}; ${((Date.now() - t0) / 1000).toFixed(1)} s]`,
      );
    }
  } finally {
    await demo.stop();
  }
  console.log(
    `security probe: ${probes.length - failures} of ${probes.length} findings held (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
  process.exitCode = failures === 0 ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
