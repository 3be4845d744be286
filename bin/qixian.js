#!/usr/bin/env node
// Launcher for the `qixian` command: the compiled CLI (dist/server/cli.js, `npm run build`) when it is current,
// otherwise the TypeScript sources through tsx — never a build, so a command always runs the code as it is now.
import { serverStaleReason } from './compiled.js';

if (serverStaleReason() === null) {
  await import('../dist/server/cli.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../server/src/cli/main.ts');
}
