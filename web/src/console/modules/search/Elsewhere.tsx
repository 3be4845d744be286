/**
 * Where to look for what the search does not cover (shown when a search finds nothing): people are accounts, found
 * on the accounts page by name or role (a term that names a role, such as 科技特派员, links to that role's list), and
 * monitoring indicators are on the framework page. Only pages the user may open are offered.
 */
import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { Link } from 'react-router';
import { ROLE_CODES, ROLE_NAMES, type RoleCode } from '../../../../../contracts/access.ts';
import { useT } from '../../i18n.ts';
import { useSignedIn } from '../../session.tsx';

/** Roles whose Chinese name (or one of its 专家/科技特派员 parts) contains the term, or is contained in it. */
export function rolesNamedBy(term: string): RoleCode[] {
  const q = term.trim();
  if (q.length < 2) return [];
  return ROLE_CODES.filter((r) =>
    ROLE_NAMES[r].zh.split('/').some((part) => part.includes(q) || (part.length >= 2 && q.includes(part))),
  );
}

export function Elsewhere({ term }: { term: string }) {
  const t = useT();
  const { can } = useSignedIn();
  const roles = rolesNamedBy(term);
  const lines: ReactNode[] = [];
  if (can('user:read')) {
    lines.push(
      roles.length > 0 ? (
        <span key="roles">
          {t(`“${term}”是账户角色，账户不在检索范围内：`, `“${term}” is an account role; accounts are not searched: `)}
          {roles.map((r, i) => (
            <span key={r}>
              {i > 0 && t('、', ', ')}
              <Link to={`/console/users?role=${r}`}>
                {t(`查看“${ROLE_NAMES[r].zh}”账户`, `list ${ROLE_NAMES[r].en} accounts`)}
              </Link>
            </span>
          ))}
        </span>
      ) : (
        <span key="people">
          {t('人员（账户）不在检索范围内，请到', 'People (accounts) are not searched: find them by name or role in ')}
          <Link to="/console/users">{t('用户管理', 'Accounts')}</Link>
          {t('按姓名或角色查找。', '.')}
        </span>
      ),
    );
  } else if (roles.length > 0) {
    lines.push(
      <span key="roles">
        {t(`“${term}”是账户角色，账户不在检索范围内。`, `“${term}” is an account role; accounts are not searched.`)}
      </span>,
    );
  }
  if (can('monitoring:read'))
    lines.push(
      <span key="indicators">
        {t('监测指标不在检索范围内，指标名称和口径见', 'Monitoring indicators are not searched: see their names in ')}
        <Link to="/console/monitoring/frameworks">{t('指标体系', 'the framework')}</Link>
        {t('。', '.')}
      </span>,
    );
  if (lines.length === 0) return null;
  return (
    <div data-testid="search-elsewhere" style={{ marginTop: 8 }}>
      {lines.map((line, i) => (
        <Typography.Paragraph key={i} type="secondary" style={{ marginBottom: 4 }}>
          {line}
        </Typography.Paragraph>
      ))}
    </div>
  );
}
