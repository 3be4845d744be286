/**
 * 登录: a light sign-in form. On success the console takes over (a full page load of /console); administrators,
 * who need a one-time code, and accounts that must change a reset password continue on the console's sign-in page.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Session } from '../../../contracts/auth.ts';
import { api, ApiError } from '../shared/api.ts';
import type { Text } from '../shared/i18n.ts';
import { TextField } from './fields.tsx';
import { useLocale, useT } from './locale.tsx';
import { Link, leavePortal } from './router.tsx';

/** Where the console continues after the password step. */
export function consoleTarget(session: Pick<Session, 'mfaRequired' | 'mustChangePassword'>): string {
  return session.mfaRequired || session.mustChangePassword ? '/console/login' : '/console';
}

export function LoginPage({ leave = leavePortal }: { leave?: (href: string) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ username?: Text; password?: Text }>({});
  const [failure, setFailure] = useState<Text | null>(null);
  const [busy, setBusy] = useState(false);
  const [current, setCurrent] = useState<Session | null>(null);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    api.get<{ session: Session | null }>('/api/auth/current', undefined, ctrl.signal).then(
      (r) => setCurrent(r.session),
      () => setCurrent(null),
    );
    return () => ctrl.abort();
  }, []);
  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const missing: typeof errors = {};
    if (!username.trim())
      missing.username = { zh: '请填写用户名或手机号码', en: 'Enter your username or mobile number' };
    if (!password) missing.password = { zh: '请填写密码', en: 'Enter your password' };
    setErrors(missing);
    if (missing.username || missing.password) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const session = await api.post<Session>('/api/auth/login', { username: username.trim(), password });
      leave(consoleTarget(session));
    } catch (err) {
      setFailure(
        err instanceof ApiError
          ? { zh: err.message, en: err.messageEn || err.message }
          : { zh: '登录失败，请稍后重试', en: 'Sign-in failed; try again later' },
      );
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="page-title" className="narrow">
      <h1 id="page-title" tabIndex={-1}>
        {t('登录工作台', 'Sign in')}
      </h1>
      {current && (
        <p className="note">
          {t(`您已登录为 ${current.user.displayName}。`, `You are signed in as ${current.user.displayName}. `)}
          <a href="/console">{t('进入工作台', 'Open the console')}</a>
        </p>
      )}
      <div aria-live="assertive" className="live">
        {failure && (
          <div className="alert" role="alert">
            <p>{locale === 'en-US' ? failure.en : failure.zh}</p>
          </div>
        )}
      </div>
      <form ref={formRef} noValidate onSubmit={(e) => void onSubmit(e)} className="form">
        <TextField
          id="username"
          label={t('用户名', 'Username')}
          hint={t(
            '注册时未填写用户名的，请填写手机号码',
            'If you registered without a username, use your mobile number',
          )}
          value={username}
          onValue={setUsername}
          error={errors.username}
          autoComplete="username"
          autoCapitalize="none"
        />
        <TextField
          id="password"
          label={t('密码', 'Password')}
          value={password}
          onValue={setPassword}
          error={errors.password}
          type="password"
          autoComplete="current-password"
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('正在登录…', 'Signing in…') : t('登录', 'Sign in')}
        </button>
      </form>
      <p>
        {t('还没有账户？', 'No account yet? ')}
        <Link href="/register">{t('注册', 'Register')}</Link>
      </p>
      <p className="hint">
        {t(
          '管理员账户登录后需在工作台输入动态口令。',
          'Administrators enter their one-time code in the console after this step.',
        )}
      </p>
    </section>
  );
}
