/**
 * The home of enterprises, researchers, farmers and experts: what the account does today — the own profile and
 * password, notifications (the registration decision among them), and the published monitoring results on the
 * portal — and nothing it does not. These accounts read no county figures, so there is no map here.
 */
import type { ReactNode } from 'react';
import { Badge, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { BellOutlined, FundProjectionScreenOutlined, UserOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { ROLE_NAMES, isRoleCode } from '../../../../../../contracts/access.ts';
import type { NotificationPage } from '../../../../../../contracts/notifications.ts';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useSignedIn } from '../../../session.tsx';
import { useT } from '../../../i18n.ts';
import { formatScore } from '../../monitoring/results.ts';
import { TierTag } from '../../monitoring/components/TierTag.tsx';
import type { PublishedResults } from '../home.ts';

function CanDo(props: { icon: ReactNode; title: string; text: ReactNode; link: ReactNode; testId: string }) {
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={props.testId}>
      <Space orientation="vertical" size={6} style={{ width: '100%' }}>
        <Space size={8}>
          <span style={{ fontSize: 18, color: '#1677ff' }}>{props.icon}</span>
          <Typography.Text strong>{props.title}</Typography.Text>
        </Space>
        <Typography.Text type="secondary">{props.text}</Typography.Text>
        {props.link}
      </Space>
    </Card>
  );
}

function ResultsText({ division }: { division: string }) {
  const t = useT();
  const res = useFetch<PublishedResults>('/api/public/monitoring/results');
  if (res.error) return <>{t('公开结果暂时无法读取。', 'The published results cannot be read right now.')}</>;
  if (!res.data) return <>{t('正在读取…', 'Loading…')}</>;
  const run = res.data.run;
  if (!run)
    return (
      <>
        {t(
          '尚无已发布的监测结果；发布后可在门户查看。',
          'Nothing is published yet; results appear on the portal once published.',
        )}
      </>
    );
  const own = res.data.counties.find((c) => c.code === division);
  return (
    <Space orientation="vertical" size={4}>
      <span>
        {t(
          `已发布 ${run.period} 年度全区 ${res.data.counties.length} 个旗县的创新能力监测结果，公开可查。`,
          `${run.period} results for ${res.data.counties.length} counties are published and public.`,
        )}
      </span>
      {own && own.rank !== null && (
        <Space size={6} wrap data-testid="member-own-county">
          <Typography.Text>
            {t(
              `${own.name}：第 ${own.rank} 名，得分 ${formatScore(own.score)}`,
              `${own.name}: rank ${own.rank}, score ${formatScore(own.score)}`,
            )}
          </Typography.Text>
          <TierTag tier={own.tier} />
        </Space>
      )}
    </Space>
  );
}

export function MemberHome() {
  const s = useSignedIn();
  const t = useT();
  const notes = useFetch<NotificationPage>('/api/notifications', { pageSize: 1 });
  const unread = notes.data?.unreadCount ?? 0;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="welcome" data-home="member">
      <Card size="small">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t(`欢迎，${s.user.displayName}`, `Welcome, ${s.user.displayName}`)}
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 3, lg: 3, xl: 3, xxl: 3 }}>
          <Descriptions.Item label={t('用户名', 'Username')}>{s.user.username}</Descriptions.Item>
          <Descriptions.Item label={t('所属区划', 'Division')}>{s.user.divisionName}</Descriptions.Item>
          <Descriptions.Item label={t('身份', 'Role')}>
            {s.roles.map((r) => (
              <Tag key={`${r.role}@${r.divisionCode}`}>
                {isRoleCode(r.role) ? t(ROLE_NAMES[r.role].zh, ROLE_NAMES[r.role].en) : r.role}
              </Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('您的账户现在可以', 'What your account does today')} data-testid="can-do">
        <Row gutter={[12, 12]}>
          <Col xs={24} md={8}>
            <CanDo
              testId="can-profile"
              icon={<UserOutlined />}
              title={t('个人中心', 'Profile')}
              text={t(
                '查看本人资料、身份和所属区划，修改登录密码，切换界面语言。',
                'See your details, role and division; change your password and the interface language.',
              )}
              link={<Link to="/console/profile">{t('进入个人中心', 'Open profile')}</Link>}
            />
          </Col>
          <Col xs={24} md={8}>
            <CanDo
              testId="can-notifications"
              icon={
                <Badge count={unread} size="small" offset={[4, -2]}>
                  <BellOutlined style={{ fontSize: 18, color: '#1677ff' }} />
                </Badge>
              }
              title={t('站内通知', 'Notifications')}
              text={
                notes.data
                  ? unread > 0
                    ? t(`您有 ${unread} 条未读通知。`, `You have ${unread} unread notifications.`)
                    : t(
                        '注册审核结果等消息会发到这里；目前没有未读通知。',
                        'Decisions such as your registration arrive here; nothing unread.',
                      )
                  : notes.error
                    ? notes.error
                    : t('注册审核结果等消息会发到这里。', 'Decisions such as your registration arrive here.')
              }
              link={<Link to="/console/notifications">{t('查看通知', 'Open notifications')}</Link>}
            />
          </Col>
          <Col xs={24} md={8}>
            <CanDo
              testId="can-results"
              icon={<FundProjectionScreenOutlined />}
              title={t('县域创新监测结果', 'County innovation results')}
              text={<ResultsText division={s.user.divisionCode} />}
              link={<a href="/monitoring">{t('在门户查看监测结果', 'See the results on the portal')}</a>}
            />
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t(
            '平台目前的业务功能（监测数据填报、审核、测算与发布，单位登记管理）由各级科技部门工作人员使用；企业、科研人员、农牧民和专家账户现阶段可使用以上三项。',
            'The platform’s working functions today (monitoring entry, review, index runs and publication; the organisation register) are used by S&T bureau staff; enterprise, researcher, farmer and expert accounts can use the three items above.',
          )}
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
