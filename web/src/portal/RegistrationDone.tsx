/**
 * The confirmation after a registration: who reviews it, the username, and how the applicant learns the result. The
 * server answers the same whether or not the username or phone number was already taken (issue 9, finding 8), so
 * every sentence here holds in both cases.
 */
import { useEffect, useRef } from 'react';
import { useT } from './locale.tsx';
import { Link } from './router.tsx';

export function RegistrationDone({ username, county }: { username: string; county: string }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section className="done" aria-labelledby="done-title">
      <h1 id="done-title" ref={heading} tabIndex={-1}>
        {t('申请已提交；审核结果会通知您', 'Application sent; you will be told the result')}
      </h1>
      <dl className="facts">
        <div>
          <dt>{t('审核单位', 'Reviewed by')}</dt>
          <dd>{t(`${county}科技局`, `S&T bureau of ${county}`)}</dd>
        </div>
        <div>
          <dt>{t('登录用户名', 'Username')}</dt>
          <dd>
            <strong>{username}</strong>
          </dd>
        </div>
      </dl>
      <h2>{t('接下来', 'What happens next')}</h2>
      <ol className="steps">
        <li>{t('旗县科技局审核您的信息。', 'The county S&T bureau checks your details.')}</li>
        <li>
          {t(
            `审核通过后，用户名 ${username} 和您设置的密码即可登录工作台；登录后点右上角的「通知」可看到审核结果。`,
            `Once approved, sign in with ${username} and your password; the decision is under Notifications (top right).`,
          )}
        </li>
        <li>
          {t(
            '审核完成前登录会提示“账户正在等待审核”。如需了解进度，请联系所在旗县科技局。',
            'Until then, signing in says the account is awaiting approval. Ask your county S&T bureau about progress.',
          )}
        </li>
      </ol>
      <p className="note">
        {t(
          '如用户名或手机号已被使用，申请不会成立——请用已有账户登录或找回密码。',
          'If the username or phone number is already in use, no new account is made: sign in with the existing account or recover its password.',
        )}
      </p>
      <p className="actions">
        <Link className="button" href="/login">
          {t('去登录', 'Go to sign in')}
        </Link>
        <Link className="button secondary" href="/">
          {t('返回首页', 'Back to home')}
        </Link>
      </p>
    </section>
  );
}
