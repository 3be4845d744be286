#!/usr/bin/env node
// Launcher for the `qixian` command: runs the TypeScript CLI through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../server/src/cli/main.ts');
