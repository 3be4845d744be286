import { describe, expect, it } from 'vitest';
import { PORTAL_PATHS, portalRoute } from './routes.tsx';

describe('portal route table', () => {
  it('lists each page once, the paths the server answers with the portal', () => {
    // server/src/platform/http/web.ts serves the same paths with index.html.
    expect([...PORTAL_PATHS].sort()).toEqual([
      '/',
      '/login',
      '/market/achievements',
      '/market/demands',
      '/market/startup',
      '/monitoring',
      '/register',
      '/reset-password',
    ]);
  });

  it('finds a page with or without a trailing slash, and nothing else', () => {
    expect(portalRoute('/register/')?.path).toBe('/register');
    expect(portalRoute('/')?.path).toBe('/');
    expect(portalRoute('/console')).toBeUndefined();
  });
});
