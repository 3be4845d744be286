/**
 * The portal shell: header with the language switch, the demo-mode notice, the page for the current path and a
 * "not found" page for any other.
 */
import { useEffect, useRef, useState } from 'react';
import type { PlatformInfo } from '../../../contracts/platform.ts';
import { api } from '../shared/api.ts';
import { LOCALES } from '../shared/i18n.ts';
import { LocaleProvider, useLocale, useT } from './locale.tsx';
import { Link, useLocation } from './router.tsx';
import { portalRoute } from './routes.tsx';

function LanguageSwitch() {
  const { locale, setLocale } = useLocale();
  const t = useT();
  return (
    <div className="lang" role="group" aria-label={t('语言', 'Language')}>
      {LOCALES.map((l) => (
        <button
          key={l.value}
          type="button"
          lang={l.value}
          aria-pressed={locale === l.value}
          onClick={() => setLocale(l.value)}
        >
          {l.label}
        </button>
      ))}
    </div>
  );
}

function DemoNotice() {
  const t = useT();
  const [info, setInfo] = useState<PlatformInfo | null>(null);
  useEffect(() => {
    api.get<PlatformInfo>('/api/platform/info').then(setInfo, () => setInfo(null));
  }, []);
  if (info?.mode !== 'demo') return null;
  return (
    <p className="demo" role="note">
      <strong>{t('演示模式', 'Demo mode')}</strong>
      {t(
        '：本站内容为演示数据，注册和登录仅供体验。',
        ': the content is 演示数据 (demo data); registration and sign-in are for trying the platform.',
      )}
    </p>
  );
}

function NotFound() {
  const t = useT();
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {t('页面不存在', 'Page not found')}
      </h1>
      <p>{t('您访问的页面不存在或已移动。', 'This page does not exist or has moved.')}</p>
      <p>
        <Link className="button" href="/">
          {t('返回首页', 'Back to home')}
        </Link>
      </p>
    </section>
  );
}

const NOT_FOUND_TITLE = { zh: '页面不存在 · 旗县', en: 'Not found · Qixian' };

function Page() {
  const location = useLocation();
  const route = portalRoute(location.pathname);
  const t = useT();
  const shown = useRef(location.href);
  const title = route?.title ?? NOT_FOUND_TITLE;
  useEffect(() => {
    document.title = t(title.zh, title.en);
  });
  // After an in-portal navigation, move focus to the new page's heading (screen readers announce it).
  useEffect(() => {
    if (shown.current === location.href) return;
    shown.current = location.href;
    document.getElementById('page-title')?.focus();
  }, [location.href]);
  return route ? route.render(location) : <NotFound />;
}

function Shell() {
  const t = useT();
  return (
    <>
      <a className="skip" href="#main">
        {t('跳到主要内容', 'Skip to main content')}
      </a>
      <header className="top">
        <div className="bar">
          <Link className="brand" href="/">
            {t('旗县', 'Qixian')}
          </Link>
          <nav aria-label={t('主导航', 'Main')}>
            <Link href="/register">{t('注册', 'Register')}</Link>
            <Link href="/login">{t('登录', 'Sign in')}</Link>
          </nav>
          <LanguageSwitch />
        </div>
      </header>
      <DemoNotice />
      <main id="main">
        <Page />
      </main>
      <footer className="foot">
        <p>
          {t(
            '依据《关于促进县域创新驱动发展的实施意见》建设 · 内蒙古自治区',
            'Built for the Inner Mongolia policy on innovation-driven county development',
          )}
        </p>
        <p>
          <a href="/api/docs">{t('开放接口文档', 'Open API documentation')}</a>
        </p>
      </footer>
    </>
  );
}

export function App() {
  return (
    <LocaleProvider>
      <Shell />
    </LocaleProvider>
  );
}
