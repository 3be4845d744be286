/** Spawning a server child for the HTTP benchmark: CPU pinning, readiness line, memory, clean stop. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Whether `taskset` exists and the machine has at least two CPUs to split between server and load. */
export function pinningAvailable(): boolean {
  if (os.availableParallelism() < 2) return false;
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Pins every thread of this process to `cpu` (the load generator side). */
export function pinSelf(cpu: number): void {
  execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(process.pid)], { stdio: 'ignore' });
}

export interface ServerChild {
  name: string;
  port: number;
  pid: number;
  info: Record<string, unknown>;
  proc: ChildProcess;
  /** Output seen so far (for error messages). */
  log(): string;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  /** Script path relative to the repository root. */
  script: string;
  env: NodeJS.ProcessEnv;
  /** CPU to pin the server to with taskset, or null for no pinning. */
  cpu: number | null;
  nodeArgs?: string[];
  readyTimeoutMs?: number;
  /**
   * A compiled JavaScript entry run by plain node (no tsx) that does not print `QX_READY`: it is ready when its
   * output matches `pattern`, and it listens on `port` (chosen by the caller, e.g. with `freePort`).
   */
  compiled?: { pattern: RegExp; port: number };
}

/** A TCP port on 127.0.0.1 that was free a moment ago (for a child that takes its port from the environment). */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node --import tsx <script>` (under `taskset -c <cpu>` when pinning; taskset execs, so the pid is the
 * node process) and waits for its `QX_READY {json}` line.
 */
export function spawnServer(opts: SpawnOptions): Promise<ServerChild> {
  const nodeArgv = opts.compiled
    ? [process.execPath, ...(opts.nodeArgs ?? []), opts.script]
    : [process.execPath, ...(opts.nodeArgs ?? []), '--import', 'tsx', opts.script];
  const [cmd, ...args] = opts.cpu === null ? nodeArgv : ['taskset', '-c', String(opts.cpu), ...nodeArgv];
  const proc = spawn(cmd!, args, { cwd: REPO_ROOT, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.once('exit', () => {
    exited = true;
  });

  return new Promise<ServerChild>((resolve, reject) => {
    let buffered = '';
    let ready = false;
    const timer = setTimeout(() => {
      if (!ready) {
        proc.kill('SIGKILL');
        reject(new Error(`${opts.name}: not ready within ${opts.readyTimeoutMs ?? 120_000} ms\n${output}`));
      }
    }, opts.readyTimeoutMs ?? 120_000);

    proc.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(`[${opts.name}] ${chunk.toString()}`);
    });
    proc.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      if (ready) {
        process.stderr.write(`[${opts.name}] ${text}`);
        return;
      }
      buffered += text;
      const match = opts.compiled ? opts.compiled.pattern.exec(buffered) : /^QX_READY (.*)$/m.exec(buffered);
      if (!match) return;
      ready = true;
      clearTimeout(timer);
      const info = opts.compiled
        ? { port: opts.compiled.port }
        : (JSON.parse(match[1]!) as Record<string, unknown>);
      const port = Number(info.port);
      resolve({
        name: opts.name,
        port,
        pid: proc.pid!,
        info,
        proc,
        log: () => output,
        stop: async () => {
          if (exited) return;
          proc.kill('SIGTERM');
          const killer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
          await exitPromise;
          clearTimeout(killer);
        },
      });
    });
    proc.once('exit', (code, signal) => {
      if (!ready) {
        clearTimeout(timer);
        reject(new Error(`${opts.name}: exited before ready (code ${code}, signal ${signal})\n${output}`));
      }
    });
  });
}

/** Resident and peak resident memory of a process, in MB, from /proc/<pid>/status (null off Linux). */
export function memoryOf(pid: number): { rssMb: number; hwmMb: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

let clockTicks: number | null = null;

/** User + system CPU seconds used so far by a process, from /proc/<pid>/stat (NaN off Linux). */
export function cpuSecondsOf(pid: number): number {
  try {
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / clockTicks;
  } catch {
    return NaN;
  }
}
