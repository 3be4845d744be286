/**
 * 首页: what the platform is, the public services that work today (registration, sign-in), the published monitoring
 * results and open statistics.
 * Entrances appear here only when the service behind them exists.
 */
import { useLocale, useT } from './locale.tsx';
import { ROLE_TEXT } from './role-text.ts';
import { ROLES } from './registration.ts';
import { Link } from './router.tsx';
import { OpenStatistics } from './statistics.tsx';

export function HomePage() {
  const t = useT();
  const { locale } = useLocale();
  return (
    <>
      <section className="hero" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          <span className="region">{t('内蒙古', 'Inner Mongolia')}</span>
          县域创新驱动发展平台
          {locale === 'en-US' && <span className="sub-title">County innovation platform</span>}
        </h1>
        <p className="lead">
          {t(
            '自治区、盟市和旗县科技部门与企业、科研人员、农牧民共用的县域科技创新工作平台。',
            'One platform for the S&T departments of the region, its leagues and counties, and for enterprises, researchers, farmers and herders.',
          )}
        </p>
      </section>
      <section aria-labelledby="services-title">
        <h2 id="services-title">{t('办事入口', 'Services')}</h2>
        <ul className="cards" role="list">
          {ROLES.map((r) => (
            <li key={r}>
              <Link className="card" href={`/register?role=${r}`}>
                <span className="card-title">
                  {t(`${ROLE_TEXT[r].name.zh}注册`, `Register as ${ROLE_TEXT[r].name.en.toLowerCase()}`)}
                </span>
                <span className="card-text">{locale === 'en-US' ? ROLE_TEXT[r].who.en : ROLE_TEXT[r].who.zh}</span>
              </Link>
            </li>
          ))}
          <li>
            <Link className="card primary" href="/login">
              <span className="card-title">{t('工作台登录', 'Sign in to the console')}</span>
              <span className="card-text">
                {t('已注册的用户和各级科技部门工作人员', 'Registered users and S&T department staff')}
              </span>
            </Link>
          </li>
        </ul>
      </section>
      <section aria-labelledby="monitoring-title">
        <h2 id="monitoring-title">{t('县域创新能力监测', 'County innovation monitoring')}</h2>
        <ul className="cards" role="list">
          <li>
            <Link className="card" href="/monitoring">
              <span className="card-title">{t('县域创新能力监测结果', 'Monitoring results')}</span>
              <span className="card-text">
                {t(
                  '全区旗县创新能力得分、排名与一类/二类/三类分类',
                  'Scores, ranks and tiers of the region’s counties',
                )}
              </span>
            </Link>
          </li>
        </ul>
      </section>
      <OpenStatistics />
    </>
  );
}
