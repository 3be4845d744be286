/**
 * 创业技术库 on the portal (no sign-in): mature, licensable achievements suited to small entrepreneurs, with start-up
 * cost, equipment and training, and the transfer centre that answers. `?id=` shows one with the request form
 * (name, mobile, county, what you want to do), which goes to the centre's queue.
 */
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../../shared/api.ts';
import { DOMAIN_NAMES } from '../../../console/modules/market/labels.ts';
import { DivisionSelect } from '../../divisions.tsx';
import { useLocale, useT } from '../../locale.tsx';
import { Link } from '../../router.tsx';
import { name, useLoad } from './market-shared.tsx';
import { excerpt } from './portal-market.ts';

interface StartupItem {
  id: number;
  title: string;
  summary: string;
  domain: string;
  cost: number | null;
  equipment: string;
  training: string;
  divisionName: string;
  leagueName: string | null;
  contact: { centre: string; how: string };
  isDemo: boolean;
  publicSummary?: { problem: string; advantage: string; scenarios: string; economics: string };
}

export function StartupPage({ id }: { id: number | null }) {
  return id ? <StartupDetail id={id} /> : <StartupList />;
}

function Facts({ it }: { it: StartupItem }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <dl className="facts market-dl">
      <div>
        <dt>{t('技术领域', 'Field')}</dt>
        <dd>{name(DOMAIN_NAMES, it.domain, locale)}</dd>
      </div>
      <div>
        <dt>{t('启动成本', 'Start-up cost')}</dt>
        <dd>{it.cost === null ? t('面议', 'Ask') : t(`约 ${it.cost} 万元`, `about CNY ${it.cost}0k`)}</dd>
      </div>
      <div>
        <dt>{t('所需设备', 'Equipment')}</dt>
        <dd>{it.equipment || '—'}</dd>
      </div>
      <div>
        <dt>{t('培训要求', 'Training')}</dt>
        <dd>{it.training || '—'}</dd>
      </div>
      <div>
        <dt>{t('对接机构', 'Contact')}</dt>
        <dd>{it.contact.centre}</dd>
      </div>
    </dl>
  );
}

function StartupList() {
  const t = useT();
  const [state, retry] = useLoad<{ items: StartupItem[]; total: number }>('/api/public/market/startup-library', {
    pageSize: 50,
  });
  return (
    <section aria-labelledby="page-title" className="market">
      <h1 id="page-title" tabIndex={-1}>
        {t('创业技术库', 'Start-up technology library')}
      </h1>
      <p className="lead">
        {t(
          '成熟、可许可使用、适合小微创业者的技术成果。选中后留下联系方式，转化服务中心会与您联系。',
          'Mature, licensable technologies suited to small entrepreneurs. Leave your contact and a transfer centre calls back.',
        )}
      </p>
      {!state ? (
        <p aria-busy="true">{t('正在加载…', 'Loading…')}</p>
      ) : 'error' in state ? (
        <div className="alert" role="alert">
          <p>{state.error}</p>
          <button type="button" className="button secondary" onClick={retry}>
            {t('重试', 'Retry')}
          </button>
        </div>
      ) : state.data.items.length === 0 ? (
        <p className="note">{t('创业技术库暂无成果。', 'The library is empty for now.')}</p>
      ) : (
        <ul className="cards market-list" role="list">
          {state.data.items.map((it) => (
            <li key={it.id}>
              <Link className="card" href={`/market/startup?id=${it.id}`} data-testid={`startup-item-${it.id}`}>
                <span className="card-title">{it.title}</span>
                <span className="card-text">{excerpt(it.summary)}</span>
                <span className="market-facts">
                  {[
                    it.cost === null ? '' : t(`启动成本约 ${it.cost} 万元`, `cost about CNY ${it.cost}0k`),
                    it.divisionName,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                  {it.isDemo && <em className="market-demo">{t('演示', 'Demo')}</em>}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function StartupDetail({ id }: { id: number }) {
  const t = useT();
  const { locale } = useLocale();
  const [state] = useLoad<StartupItem>(`/api/public/market/startup-library/${id}`, {});
  const [v, setV] = useState({ name: '', phone: '', league: '', county: '', want: '' });
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof v) => (x: string) => setV((o) => ({ ...o, [k]: x }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/public/market/startup-requests', {
        achievementId: id,
        name: v.name,
        phone: v.phone,
        countyCode: v.county,
        want: v.want,
      });
      setSent(true);
    } catch (err) {
      setError(err instanceof ApiError ? err.text(locale) : String(err));
    } finally {
      setBusy(false);
    }
  };

  const back = (
    <p className="crumb">
      <Link href="/market/startup">{t('‹ 创业技术库', '‹ Start-up library')}</Link>
    </p>
  );
  if (!state || 'error' in state)
    return (
      <section aria-labelledby="page-title" className="market">
        {back}
        <h1 id="page-title" tabIndex={-1}>
          {state ? t('未找到该成果', 'Not found') : t('正在加载…', 'Loading…')}
        </h1>
      </section>
    );
  const it = state.data;
  return (
    <section aria-labelledby="page-title" className="market">
      {back}
      <h1 id="page-title" tabIndex={-1}>
        {it.title}
      </h1>
      <p className="lead">{it.summary}</p>
      <Facts it={it} />
      <h2>{t('我想用这项技术创业', 'I want to start with this technology')}</h2>
      {sent ? (
        <p className="note" role="status" data-testid="startup-sent">
          {t(`已提交，${it.contact.centre}会尽快与您联系。`, `Sent: ${it.contact.centre} will call you back soon.`)}
        </p>
      ) : (
        <form className="form" onSubmit={(e) => void submit(e)}>
          {error && (
            <div className="alert" role="alert">
              <p>{error}</p>
            </div>
          )}
          <div className="field">
            <label htmlFor="su-name">{t('姓名', 'Name')}</label>
            <input
              id="su-name"
              required
              minLength={2}
              maxLength={50}
              value={v.name}
              onChange={(e) => set('name')(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="su-phone">{t('手机号码', 'Mobile')}</label>
            <input
              id="su-phone"
              required
              inputMode="numeric"
              maxLength={11}
              value={v.phone}
              onChange={(e) => set('phone')(e.target.value)}
            />
          </div>
          <DivisionSelect
            idPrefix="su"
            league={v.league}
            county={v.county}
            required
            onLeague={(c) => setV((o) => ({ ...o, league: c, county: '' }))}
            onCounty={(d) => set('county')(d?.code ?? '')}
          />
          <div className="field">
            <label htmlFor="su-want">{t('您想做什么', 'What you want to do')}</label>
            <textarea
              id="su-want"
              required
              minLength={2}
              maxLength={1000}
              rows={3}
              value={v.want}
              onChange={(e) => set('want')(e.target.value)}
            />
          </div>
          <button type="submit" className="button" disabled={busy}>
            {t('提交对接申请', 'Send')}
          </button>
        </form>
      )}
    </section>
  );
}
