/** A draft's settings: tier rule (thresholds or counts), collection deadline, and its cross-indicator rules. */
import { useState } from 'react';
import { Input, Select, Space, Tag, Typography } from 'antd';
import type { FrameworkSettings } from '../../../../../../contracts/monitoring.ts';
import { useT } from '../../../i18n.ts';
import { formatTierValues, parseTiers } from './spec-form.ts';

const DEADLINE = /^\d{2}-\d{2}$/;

/** Edits `settings`; `onChange` receives valid settings or null while the tier or deadline text is malformed. */
export function SettingsEditor({
  settings,
  onChange,
}: {
  settings: FrameworkSettings;
  onChange: (next: FrameworkSettings | null) => void;
}) {
  const t = useT();
  const [kind, setKind] = useState(settings.tiers.kind);
  const [tierText, setTierText] = useState(formatTierValues(settings.tiers));
  const [deadline, setDeadline] = useState(settings.deadline);
  const [rules, setRules] = useState(settings.rules);
  const tiers = parseTiers(kind, tierText);
  const deadlineOk = DEADLINE.test(deadline);

  const emit = (next: { kind?: typeof kind; tierText?: string; deadline?: string; rules?: typeof rules }) => {
    const k = next.kind ?? kind;
    const parsed = parseTiers(k, next.tierText ?? tierText);
    const d = next.deadline ?? deadline;
    onChange(parsed && DEADLINE.test(d) ? { tiers: parsed, deadline: d, rules: next.rules ?? rules } : null);
  };

  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
      <Space wrap>
        <Typography.Text>{t('分类规则', 'Tiers')}</Typography.Text>
        <Select
          aria-label={t('分类方式', 'Tier rule')}
          style={{ width: 150 }}
          value={kind}
          onChange={(k) => {
            setKind(k);
            emit({ kind: k });
          }}
          options={[
            { value: 'thresholds', label: t('按得分阈值', 'Score thresholds') },
            { value: 'counts', label: t('按名额', 'By counts') },
          ]}
        />
        <Input
          aria-label={t('阈值或名额', 'Thresholds or counts')}
          style={{ width: 160 }}
          status={tiers ? undefined : 'error'}
          value={tierText}
          placeholder={kind === 'thresholds' ? '80;60' : '10;15;78'}
          onChange={(e) => {
            setTierText(e.target.value);
            emit({ tierText: e.target.value });
          }}
        />
        <Typography.Text>{t('填报截止（次年月-日）', 'Deadline (month-day, next year)')}</Typography.Text>
        <Input
          aria-label={t('填报截止', 'Deadline')}
          style={{ width: 90 }}
          status={deadlineOk ? undefined : 'error'}
          value={deadline}
          placeholder="06-30"
          onChange={(e) => {
            setDeadline(e.target.value);
            emit({ deadline: e.target.value });
          }}
        />
        {(!tiers || !deadlineOk) && (
          <Typography.Text type="danger">
            {t(
              '格式：阈值 80;60，名额 10;15;78，截止 06-30',
              'Formats: thresholds 80;60, counts 10;15;78, deadline 06-30',
            )}
          </Typography.Text>
        )}
      </Space>
      <Space wrap>
        <Typography.Text>{t('校验规则', 'Rules')}</Typography.Text>
        {rules.length === 0 && <Typography.Text type="secondary">—</Typography.Text>}
        {rules.map((r) => (
          <Tag
            key={r.code}
            closable
            closeIcon={<span aria-label={t(`删除规则 ${r.code}`, `Delete rule ${r.code}`)}>×</span>}
            onClose={() => {
              const next = rules.filter((x) => x.code !== r.code);
              setRules(next);
              emit({ rules: next });
            }}
          >
            {r.left} ≤ {r.right}（{r.messageZh}）
          </Tag>
        ))}
      </Space>
    </Space>
  );
}
