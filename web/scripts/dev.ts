/**
 * `npm run dev`: the API server with restart on change (tsx watch, port 3000) and the Vite dev server with hot
 * reload (http://127.0.0.1:5173, proxying /api). Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const bin = (name: string, ...rest: string[]) => path.join(root, 'node_modules', name, ...rest);

const children: ChildProcess[] = [
  spawn(process.execPath, [bin('tsx', 'dist', 'cli.mjs'), 'watch', 'server/src/main.ts'], {
    cwd: root,
    stdio: 'inherit',
  }),
  spawn(process.execPath, [bin('vite', 'bin', 'vite.js'), '--config', 'web/vite.config.ts'], {
    cwd: root,
    stdio: 'inherit',
  }),
];
console.log('开发模式：网页 http://127.0.0.1:5173/console ，接口 http://127.0.0.1:3000 / dev mode');

function stop(): void {
  for (const c of children) c.kill('SIGTERM');
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
for (const c of children)
  c.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
