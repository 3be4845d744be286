/**
 * 设置密码: the page of the one-time link an administrator's reset or a new account sends to the account holder only
 * (`/reset-password#t=<token>`, by SMS or handed over by the operator). The token sits in the fragment, so it never
 * reaches a server log or a Referer; the page reads it once, removes it from the address bar and history, asks the
 * server whose link it is, and lets the holder choose their own password (with their one-time code when the
 * account is an administrator's). The server applies the password policy and says what is wrong.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PasswordResetInfo } from '../../../contracts/users.ts';
import { api, ApiError } from '../shared/api.ts';
import { formatDateTime, type Text } from '../shared/i18n.ts';
import { TextField } from './fields.tsx';
import { useLocale, useT } from './locale.tsx';

/** The token of a `#t=<token>` fragment, or null. */
export function tokenFromHash(hash: string): string | null {
  const t = new URLSearchParams(hash.replace(/^#/, '')).get('t')?.trim();
  return t ? t : null;
}

type Phase =
  | { kind: 'missing' }
  | { kind: 'checking' }
  | { kind: 'invalid'; message: Text }
  | { kind: 'ready'; info: PasswordResetInfo }
  | { kind: 'done'; username: string };

interface Errors {
  newPassword?: Text;
  confirm?: Text;
  totpCode?: Text;
}

const GENERIC: Text = { zh: '操作失败，请稍后重试', en: 'Something went wrong; try again later' };

const textOf = (err: ApiError): Text => ({ zh: err.message, en: err.messageEn || err.message });

export function ResetPasswordPage() {
  const t = useT();
  const { locale } = useLocale();
  const pick = (x: Text) => (locale === 'en-US' ? x.en : x.zh);
  // Read once: the effect below removes the token from the address bar.
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [phase, setPhase] = useState<Phase>(token ? { kind: 'checking' } : { kind: 'missing' });
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<Text | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);

  // The link is a credential: keep it out of the address bar, the history and bookmarks.
  useEffect(() => {
    if (window.location.hash)
      window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }, []);

  useEffect(() => {
    if (!token) return;
    const ctrl = new AbortController();
    api
      .post<PasswordResetInfo>('/api/password-reset/inspect', { token })
      .then((info) => {
        if (!ctrl.signal.aborted) setPhase({ kind: 'ready', info });
      })
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        // 404: invalid, expired or used (the server says so in both languages); 429 and others: as they come.
        setPhase({ kind: 'invalid', message: err instanceof ApiError ? textOf(err) : GENERIC });
      });
    return () => ctrl.abort();
  }, [token]);

  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);
  useEffect(() => {
    if (phase.kind === 'done') doneRef.current?.focus();
  }, [phase.kind]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (phase.kind !== 'ready' || !token) return;
    setFailure(null);
    const found: Errors = {};
    if (!newPassword) found.newPassword = { zh: '请填写新密码', en: 'Enter a new password' };
    if (!confirm) found.confirm = { zh: '请再次填写新密码', en: 'Enter the new password again' };
    else if (newPassword && confirm !== newPassword)
      found.confirm = { zh: '两次填写的密码不一致', en: 'The two passwords differ' };
    if (phase.info.totpRequired && !/^\d{6}$/.test(totpCode.trim()))
      found.totpCode = { zh: '请填写 6 位动态口令', en: 'Enter the 6-digit one-time code' };
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const done = await api.post<{ username: string }>('/api/password-reset/redeem', {
        token,
        newPassword,
        ...(phase.info.totpRequired ? { totpCode: totpCode.trim() } : {}),
      });
      setPhase({ kind: 'done', username: done.username });
    } catch (err) {
      if (!(err instanceof ApiError)) setFailure(GENERIC);
      else if (err.status === 404) setPhase({ kind: 'invalid', message: textOf(err) });
      else if (err.code === 'MFA_INVALID') {
        setErrors({ totpCode: textOf(err) });
        setTotpCode('');
      } else if (err.code === 'VALIDATION' && err.details.length > 0) {
        const mine = err.details.filter((d) => d.path.endsWith('newPassword'));
        const other = err.details.filter((d) => !d.path.endsWith('newPassword'));
        if (mine.length > 0)
          setErrors({
            newPassword: {
              zh: mine.map((d) => d.message).join('；'),
              en: mine.map((d) => d.messageEn || d.message).join('; '),
            },
          });
        if (other.length > 0 || mine.length === 0)
          setFailure(
            other.length > 0
              ? {
                  zh: other.map((d) => d.message).join('；'),
                  en: other.map((d) => d.messageEn || d.message).join('; '),
                }
              : textOf(err),
          );
      } else setFailure(textOf(err));
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const heading = (
    <h1 id="page-title" tabIndex={-1}>
      {t('设置登录密码', 'Set your password')}
    </h1>
  );

  if (phase.kind === 'missing' || phase.kind === 'invalid')
    return (
      <section aria-labelledby="page-title" className="narrow">
        {heading}
        <div className="alert" role="alert" data-testid="reset-invalid">
          <p>
            {phase.kind === 'missing'
              ? t(
                  '链接不完整：请打开短信或管理员转交给您的完整链接。',
                  'The link is incomplete: open the whole link from the SMS or the one your administrator handed you.',
                )
              : pick(phase.message)}
          </p>
        </div>
        <p>
          {t(
            '一次性链接只能使用一次，并在有效期后失效。如需新的链接，请联系您的管理员重新发送（重置密码）。',
            'A one-time link works once and only until it expires. For a new one, ask your administrator to send it again (reset password).',
          )}
        </p>
        <p>
          <a href="/console/login">{t('去登录', 'Go to sign in')}</a>
        </p>
      </section>
    );

  if (phase.kind === 'checking')
    return (
      <section aria-labelledby="page-title" className="narrow">
        {heading}
        <p role="status">{t('正在核对链接…', 'Checking the link…')}</p>
      </section>
    );

  if (phase.kind === 'done')
    return (
      <section className="done narrow" aria-labelledby="done-title">
        <h1 id="done-title" ref={doneRef} tabIndex={-1}>
          {t('新密码已设置', 'Your new password is set')}
        </h1>
        <p data-testid="reset-done">
          {t(
            `请用用户名 ${phase.username} 和新密码登录工作台。链接已失效，不能再次使用。`,
            `Sign in to the console as ${phase.username} with the new password. The link no longer works.`,
          )}
        </p>
        <p className="actions">
          <a className="button" href="/console/login">
            {t('去登录', 'Go to sign in')}
          </a>
        </p>
      </section>
    );

  const { info } = phase;
  const count = Object.keys(errors).length;
  return (
    <section aria-labelledby="page-title" className="narrow">
      {heading}
      <dl className="facts">
        <div>
          <dt>{t('账户', 'Account')}</dt>
          <dd>
            <strong data-testid="reset-username">{info.username}</strong>
          </dd>
        </div>
        <div>
          <dt>{t('链接有效期至', 'Link valid until')}</dt>
          <dd>{formatDateTime(info.expiresAt, locale)}</dd>
        </div>
      </dl>
      <p className="lead">
        {t(
          '请设置只有您本人知道的新密码。设置后原密码和链接都将失效，已登录的设备须重新登录。',
          'Choose a new password only you know. Afterwards the old password and this link stop working, and signed-in devices must sign in again.',
        )}
      </p>
      <div aria-live="assertive" className="live">
        {(count > 0 || failure) && (
          <div className="alert" role="alert">
            {failure && <p>{pick(failure)}</p>}
            {count > 0 && (
              <p>
                {t(
                  `请修改下面标出的 ${count} 处问题。`,
                  `Please fix the ${count} marked field${count > 1 ? 's' : ''}.`,
                )}
              </p>
            )}
          </div>
        )}
      </div>
      <form ref={formRef} noValidate onSubmit={(e) => void onSubmit(e)} className="form">
        {/* For password managers: the account the new password belongs to. */}
        <input
          type="text"
          name="username"
          autoComplete="username"
          value={info.username}
          readOnly
          aria-hidden="true"
          tabIndex={-1}
          style={{ display: 'none' }}
        />
        <TextField
          id="new-password"
          label={t('新密码', 'New password')}
          hint={t(
            '至少 10 位，含大写字母、小写字母、数字、符号中的至少三类；不能包含用户名，不能是常见或容易猜到的密码',
            'At least 10 characters from three of upper case, lower case, digits and symbols; not your username, not a common or easily guessed password',
          )}
          value={newPassword}
          onValue={(v) => {
            setNewPassword(v);
            if (errors.newPassword) setErrors(({ newPassword: _gone, ...rest }) => rest);
          }}
          error={errors.newPassword}
          type="password"
          autoComplete="new-password"
          maxLength={200}
        />
        <TextField
          id="confirm-password"
          label={t('再次输入新密码', 'New password again')}
          value={confirm}
          onValue={(v) => {
            setConfirm(v);
            if (errors.confirm) setErrors(({ confirm: _gone, ...rest }) => rest);
          }}
          error={errors.confirm}
          type="password"
          autoComplete="new-password"
          maxLength={200}
        />
        {info.totpRequired && (
          <TextField
            id="totp-code"
            label={t('6 位动态口令', '6-digit one-time code')}
            hint={t(
              '管理员账户须同时填写身份验证器中的动态口令',
              'Administrator accounts also give the code from their authenticator app',
            )}
            value={totpCode}
            onValue={(v) => {
              setTotpCode(v);
              if (errors.totpCode) setErrors(({ totpCode: _gone, ...rest }) => rest);
            }}
            error={errors.totpCode}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
          />
        )}
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('正在保存…', 'Saving…') : t('设置新密码', 'Set the new password')}
        </button>
      </form>
    </section>
  );
}
