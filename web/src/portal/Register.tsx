/**
 * 注册: choose who you are (enterprise, researcher, farmer or herder), fill one form checked with the server's
 * schema, and learn that the county's S&T bureau reviews the application before the account opens.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Division } from '../../../contracts/divisions.ts';
import { api, ApiError } from '../shared/api.ts';
import type { Text } from '../shared/i18n.ts';
import { DivisionSelect } from './divisions.tsx';
import { TextField } from './fields.tsx';
import { useLocale, useT } from './locale.tsx';
import {
  EMPTY_VALUES,
  ROLES,
  isRole,
  serverErrors,
  validateRegistration,
  type FieldErrors,
  type RegistrationValues,
  type Role,
} from './registration.ts';
import { RegistrationDone } from './RegistrationDone.tsx';
import { ACCOUNT_GIVES, ROLE_TEXT } from './role-text.ts';
import { Link, navigate } from './router.tsx';

/** What registering gives today, and what it does not: shown before the choice and beside the form. */
export function AccountGives() {
  const { locale } = useLocale();
  const pick = (x: Text) => (locale === 'en-US' ? x.en : x.zh);
  return (
    <aside className="note" aria-labelledby="account-gives" data-testid="account-gives" style={{ margin: '1rem 0' }}>
      <h2 id="account-gives" style={{ fontSize: '1rem', margin: '0 0 0.25rem' }}>
        {pick(ACCOUNT_GIVES.title)}
      </h2>
      <ul style={{ margin: '0 0 0.5rem', paddingLeft: '1.25rem' }}>
        {ACCOUNT_GIVES.items.map((item) => (
          <li key={item.en}>{pick(item)}</li>
        ))}
      </ul>
      <p style={{ margin: 0 }}>
        {pick(ACCOUNT_GIVES.staffOnly)}
        <Link href="/monitoring">{pick(ACCOUNT_GIVES.results)}</Link>
      </p>
    </aside>
  );
}

export function RoleChoice() {
  const t = useT();
  const { locale } = useLocale();
  const pick = (x: Text) => (locale === 'en-US' ? x.en : x.zh);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {t('注册账户', 'Register')}
      </h1>
      <p className="lead">
        {t(
          '请选择您的身份。提交后由所在旗县科技局审核，通过后即可登录工作台。',
          'Choose who you are. The S&T bureau of your county reviews the application; once approved you can sign in.',
        )}
      </p>
      <ul className="cards" role="list">
        {ROLES.map((r) => (
          <li key={r}>
            <Link className="card" href={`/register?role=${r}`}>
              <span className="card-title">
                {t(`${ROLE_TEXT[r].name.zh}注册`, `Register as ${ROLE_TEXT[r].name.en.toLowerCase()}`)}
              </span>
              <span className="card-text">{pick(ROLE_TEXT[r].who)}</span>
            </Link>
          </li>
        ))}
      </ul>
      <AccountGives />
      <p>
        {t('已有账户？', 'Already registered? ')}
        <Link href="/login">{t('登录', 'Sign in')}</Link>
      </p>
    </section>
  );
}

interface Submitted {
  username: string;
  county: string;
}

export function RegistrationForm({ role }: { role: Role }) {
  const t = useT();
  const { locale } = useLocale();
  const pick = (x: Text) => (locale === 'en-US' ? x.en : x.zh);
  const [values, setValues] = useState<RegistrationValues>(EMPTY_VALUES);
  const [county, setCounty] = useState<Division | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<Text | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [done, setDone] = useState<Submitted | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // After a failed attempt, take the keyboard to the first field to fix.
  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const set = (field: keyof RegistrationValues) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    // A corrected field loses its message; the others keep theirs until the next attempt.
    if (errors[field]) setErrors(({ [field]: _gone, ...rest }) => rest);
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const checked = validateRegistration(role, values);
    if (!checked.ok) {
      setErrors(checked.errors);
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await api.post('/api/registrations', checked.body);
      setDone({ username: checked.body.username ?? checked.body.phone, county: county?.name ?? '' });
      window.scrollTo?.(0, 0);
    } catch (err) {
      if (err instanceof ApiError) {
        const placed = serverErrors(err);
        setErrors(placed.fields);
        setFormError(placed.form);
      } else setFormError({ zh: '提交失败，请稍后重试', en: 'Submission failed; try again later' });
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  if (done) return <RegistrationDone username={done.username} county={done.county} />;

  const count = Object.keys(errors).length;
  const orgLabel = role === 'enterprise' ? t('企业名称', 'Company name') : t('所在单位名称', 'Institution name');
  return (
    <section aria-labelledby="page-title">
      <p className="crumb">
        <Link href="/register">{t('‹ 重新选择身份', '‹ Choose another role')}</Link>
      </p>
      <h1 id="page-title" tabIndex={-1}>
        {t(`${ROLE_TEXT[role].name.zh}注册`, `Register as ${ROLE_TEXT[role].name.en.toLowerCase()}`)}
      </h1>
      <p className="lead">{pick(ROLE_TEXT[role].who)}</p>
      <AccountGives />
      <div aria-live="assertive" className="live">
        {(count > 0 || formError) && (
          <div className="alert" role="alert">
            {formError && <p>{pick(formError)}</p>}
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
        <fieldset>
          <legend>{t('基本信息', 'About you')}</legend>
          <TextField
            id="displayName"
            label={role === 'enterprise' ? t('联系人姓名', 'Contact name') : t('姓名', 'Name')}
            value={values.displayName}
            onValue={set('displayName')}
            error={errors.displayName}
            autoComplete="name"
            maxLength={100}
          />
          <TextField
            id="phone"
            label={t('手机号码', 'Mobile number')}
            value={values.phone}
            onValue={set('phone')}
            error={errors.phone}
            type="tel"
            inputMode="numeric"
            autoComplete="tel-national"
            hint={t('11 位手机号码，审核时用于联系您', '11 digits; the reviewer may call you')}
          />
          <TextField
            id="idNumber"
            label={t('身份证号码', 'ID card number')}
            value={values.idNumber}
            onValue={set('idNumber')}
            error={errors.idNumber}
            optional
            autoComplete="off"
            maxLength={18}
            hint={t('加密保存，页面上只显示部分号码', 'Stored encrypted and shown only in part')}
          />
        </fieldset>
        <fieldset>
          <legend>{t('所在旗县', 'Your county')}</legend>
          <DivisionSelect
            idPrefix="division"
            league={values.league}
            county={values.divisionCode}
            required
            onLeague={set('league')}
            onCounty={(d) => {
              setCounty(d);
              set('divisionCode')(d?.code ?? '');
            }}
            errors={{ league: errors.league, county: errors.divisionCode }}
          />
        </fieldset>
        {role !== 'farmer' && (
          <fieldset aria-describedby={errors.organisation ? 'organisation-error' : undefined}>
            <legend>
              {role === 'enterprise' ? t('企业信息', 'Company') : t('所在单位', 'Institution')}
              {role === 'researcher' && <span className="optional">{t('（选填）', ' (optional)')}</span>}
            </legend>
            {errors.organisation && (
              <p className="error" id="organisation-error">
                {pick(errors.organisation)}
              </p>
            )}
            <TextField
              id="orgName"
              label={orgLabel}
              value={values.orgName}
              onValue={set('orgName')}
              error={errors.orgName}
              optional={role === 'researcher'}
              autoComplete="organization"
              maxLength={200}
            />
            <TextField
              id="uscc"
              label={t('统一社会信用代码', 'Unified social credit code')}
              value={values.uscc}
              onValue={set('uscc')}
              error={errors.uscc}
              optional={role === 'researcher'}
              autoComplete="off"
              maxLength={18}
              hint={t('18 位，见营业执照或法人证书', '18 characters, on the business licence')}
            />
          </fieldset>
        )}
        <fieldset>
          <legend>{t('登录信息', 'Sign-in details')}</legend>
          <TextField
            id="username"
            label={t('用户名', 'Username')}
            value={values.username}
            onValue={set('username')}
            error={errors.username}
            optional
            autoComplete="username"
            autoCapitalize="none"
            hint={t('不填则用手机号码登录', 'Leave empty to sign in with your mobile number')}
          />
          <TextField
            id="password"
            label={t('密码', 'Password')}
            value={values.password}
            onValue={set('password')}
            error={errors.password}
            type="password"
            autoComplete="new-password"
            hint={t(
              '至少 10 位，包含大写字母、小写字母、数字、符号中的至少三类',
              'At least 10 characters, with three of: upper case, lower case, digits, symbols',
            )}
          />
          <TextField
            id="confirm"
            label={t('再次输入密码', 'Repeat the password')}
            value={values.confirm}
            onValue={set('confirm')}
            error={errors.confirm}
            type="password"
            autoComplete="new-password"
          />
        </fieldset>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('正在提交…', 'Sending…') : t('提交注册申请', 'Send application')}
        </button>
      </form>
    </section>
  );
}

/** /register without a role: the choice; with ?role=: the form (an unknown role goes back to the choice). */
export function RegisterPage({ role }: { role: string | null }) {
  useEffect(() => {
    if (role !== null && !isRole(role)) navigate('/register', { replace: true });
  }, [role]);
  return isRole(role) ? <RegistrationForm key={role} role={role} /> : <RoleChoice />;
}
