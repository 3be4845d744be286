import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../modules/registry.ts';
import { registerWeb } from './web.ts';

/** A stand-in build: the files the real `vite build` writes, with recognisable contents. */
function fakeDist(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qx-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.mkdirSync(path.join(dir, 'maps'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>portal</title>');
  fs.writeFileSync(path.join(dir, 'console.html'), '<!doctype html><title>console</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'console-abc123.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'maps', '150000.json'), '{"type":"FeatureCollection","features":[]}');
  return dir;
}

describe('web app serving', () => {
  let app: FastifyInstance;
  let dist: string;
  beforeAll(async () => {
    dist = fakeDist();
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await registerWeb(app, { mode: 'demo', dist });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('answers portal routes with the portal and console routes with the console, never cached', async () => {
    for (const url of [
      '/',
      '/register',
      '/login',
      '/monitoring?period=2025',
      '/market/achievements?id=3',
      '/market/startup',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('portal');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    for (const url of ['/console', '/console/organisations', '/console/divisions/150102?x=1']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('console');
    }
  });

  it('answers an unknown portal path with the portal (status 404) and keeps JSON for the API', async () => {
    for (const url of ['/no-such-page', '/monitoring/extra', '/register/x/y?role=farmer']) {
      const res = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.body, url).toContain('portal');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    for (const url of ['/api/no-such-route', '/api']) {
      const res = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('application/json');
      expect(res.body, url).not.toContain('portal');
    }
  });

  it('serves hashed assets for a year and the map for a day', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/console-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const map = await app.inject({ method: 'GET', url: '/maps/150000.json' });
    expect(map.statusCode).toBe(200);
    expect(map.headers['cache-control']).toContain('max-age=86400');
  });

  it('does not leave its folders', async () => {
    for (const url of [
      '/assets/../index.html',
      '/assets/..%2F..%2Fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/maps/..%2Fconsole.html',
      '/assets/missing.js',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect([400, 403, 404], url).toContain(res.statusCode);
      expect(res.body).not.toContain('portal');
      expect(res.body).not.toContain('"name"');
    }
  });

  it('answers an API-only page when the web app is not built', async () => {
    const bare = Fastify();
    bare.setValidatorCompiler(validatorCompiler);
    bare.setSerializerCompiler(serializerCompiler);
    await registerWeb(bare, { mode: 'demo', dist: path.join(dist, 'nowhere') });
    const res = await bare.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('npm run build:web');
    await bare.close();
  });
});
