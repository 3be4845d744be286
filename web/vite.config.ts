/**
 * Two entries: the public portal (index.html, no antd) and the staff console (console.html, antd + ECharts, split
 * by route). `npm run build:web` writes web/dist, which the server serves in demo and production mode.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

export default defineConfig({
  root,
  plugins: [
    react(),
    {
      // The county polygons come from npm at build time (not committed): web/public/maps/150000.json. The script
      // runs under tsx in a child process: it imports the workspace package @qixian/county-map, whose TypeScript
      // source Vite's config loader would hand to Node untranspiled.
      name: 'qixian-region-map',
      buildStart() {
        execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'build-map.ts')], {
          stdio: 'inherit',
        });
      },
    },
    {
      // Dev server: console routes are client-side, answer them with console.html.
      name: 'qixian-console-fallback',
      configureServer(server) {
        server.middlewares.use((req, _res, next) => {
          if (req.url && /^\/console(\/|$|\?)/.test(req.url) && !req.url.includes('.')) req.url = '/console.html';
          next();
        });
      },
    },
  ],
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    manifest: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: { portal: path.join(root, 'index.html'), console: path.join(root, 'console.html') },
    },
  },
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    host: '127.0.0.1',
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 3000}` },
  },
});
