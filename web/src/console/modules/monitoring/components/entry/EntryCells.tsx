/**
 * The cells of one indicator in the entry form, shared by the desktop table (FormTable) and the phone cards
 * (EntryCards): the value (number or text, never clamped: a value out of range stays as typed and is shown as an
 * error), the year-on-year change, the checks, source, note and flags.
 */
import { Checkbox, Input, InputNumber, Space, Tag, Tooltip, Typography } from 'antd';
import type { Finding } from '../../../../../../../contracts/monitoring.ts';
import { formatNumber, pick, type Locale } from '../../../../../shared/i18n.ts';
import { useT } from '../../../../i18n.ts';
import { useSession } from '../../../../session.tsx';
import {
  FLAG_LABELS,
  formatPercent,
  yoy,
  type Draft,
  type EditableFlag,
  type Row,
} from '../../collection/form-state.ts';

/** A finding's text; `short` drops the indicator name the row already shows ("名称：…" / "Name: …"). */
export function findingText(f: Finding, locale: string, short: boolean): string {
  const text = locale === 'en-US' ? f.messageEn : f.message;
  if (!short || f.indicatorCode === null) return text;
  const cut = locale === 'en-US' ? text.indexOf(': ') : text.indexOf('：');
  return cut > 0 ? text.slice(cut + (locale === 'en-US' ? 2 : 1)) : text;
}

/** Findings as lines: errors red, warnings orange, explained warnings grey. */
export function FindingTags({ findings, short = false }: { findings: readonly Finding[]; short?: boolean }) {
  const { locale } = useSession();
  const t = useT();
  if (findings.length === 0) return null;
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
      {findings.map((f, i) => (
        <Typography.Text
          key={i}
          type={f.severity === 'error' ? 'danger' : f.explained ? 'secondary' : 'warning'}
          style={{ fontSize: 12 }}
          data-testid={`finding-${f.indicatorCode ?? 'form'}-${f.kind}`}
        >
          {f.severity === 'error' ? '✖ ' : '⚠ '}
          {findingText(f, locale, short)}
          {f.explained ? t('（已说明）', ' (explained)') : ''}
        </Typography.Text>
      ))}
    </Space>
  );
}

export interface CellProps {
  row: Row;
  draft: Draft;
  editable: boolean;
  onChange: (code: string, draft: Draft) => void;
}

/** The indicator's name with its optional / qualitative / text tags. */
export function IndicatorName({ row }: { row: Row }) {
  const t = useT();
  const { locale } = useSession();
  const spec = row.node.spec;
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text strong>
        {row.node.code} {locale === 'en-US' && row.node.nameEn ? row.node.nameEn : row.node.nameZh}
      </Typography.Text>
      <Space size={4} wrap>
        {spec?.optional && <Tag>{t('选填', 'optional')}</Tag>}
        {spec?.qualitative && <Tag color="purple">{t('定性', 'qualitative')}</Tag>}
        {spec?.valueType === 'text' && <Tag color="blue">{t('文字 ≤200字', 'text ≤200')}</Tag>}
      </Space>
    </Space>
  );
}

export function formatValue(v: number | null, locale: Locale): string {
  return v === null ? '—' : formatNumber(v, locale);
}

/** This year's value: a number (no min/max on the input, so nothing is clamped) or a text of at most 200 characters. */
export function ValueCell({ row, draft, editable, onChange }: CellProps) {
  const t = useT();
  const { locale } = useSession();
  const code = row.node.code;
  // A missing value is listed among the checks; the input turns red only for a wrong value.
  const invalid = row.findings.some((f) => f.severity === 'error' && f.kind !== 'missing');
  if (row.node.spec?.valueType === 'text')
    return editable ? (
      <Input.TextArea
        aria-label={`${code} ${t('本年值', 'value')}`}
        value={draft.textValue}
        maxLength={200}
        showCount
        autoSize={{ minRows: 1, maxRows: 4 }}
        onChange={(e) => onChange(code, { ...draft, textValue: e.target.value })}
      />
    ) : (
      <Typography.Text>{draft.textValue || '—'}</Typography.Text>
    );
  return editable ? (
    <InputNumber
      aria-label={`${code} ${t('本年值', 'value')}`}
      aria-invalid={invalid || undefined}
      data-testid={`value-${code}`}
      value={draft.value}
      status={invalid ? 'error' : undefined}
      inputMode="decimal"
      style={{ width: '100%' }}
      onChange={(v) => onChange(code, { ...draft, value: typeof v === 'number' && Number.isFinite(v) ? v : null })}
    />
  ) : (
    <Typography.Text strong>{formatValue(draft.value, locale)}</Typography.Text>
  );
}

/** Year-on-year change, orange beyond the indicator's limit. */
export function YoyCell({ row, draft }: { row: Row; draft: Draft | undefined }) {
  const change = yoy(draft?.value ?? null, row.previous);
  const limit = row.node.spec?.maxYoyChange ?? null;
  const over = change !== null && limit !== null && Math.abs(change) > limit;
  return (
    <Typography.Text type={over ? 'warning' : undefined} style={{ whiteSpace: 'nowrap' }}>
      {formatPercent(change)}
    </Typography.Text>
  );
}

/** The row's checks, or a tick for a saved value without any. */
export function ChecksCell({ row }: { row: Row }) {
  const t = useT();
  if (row.findings.length > 0) return <FindingTags findings={row.findings} short />;
  if (!row.saved) return null;
  return (
    <Tooltip title={row.saved.reporterName ? `${t('填报人', 'By')} ${row.saved.reporterName}` : undefined}>
      <Typography.Text type="success">✓</Typography.Text>
    </Tooltip>
  );
}

export function SourceCell({ row, draft, editable, onChange }: CellProps) {
  const t = useT();
  if (!editable) return <>{draft.source || '—'}</>;
  return (
    <Input
      aria-label={`${row.node.code} ${t('数据来源', 'source')}`}
      value={draft.source}
      maxLength={300}
      placeholder={row.node.spec?.source || t('如：统计年鉴', 'e.g. yearbook')}
      onChange={(e) => onChange(row.node.code, { ...draft, source: e.target.value })}
    />
  );
}

export function NoteCell({ row, draft, editable, onChange }: CellProps) {
  const t = useT();
  if (!editable) return <>{draft.note || '—'}</>;
  const needsNote = row.findings.some((f) => f.severity === 'warning' && !f.explained);
  return (
    <Input.TextArea
      aria-label={`${row.node.code} ${t('备注', 'note')}`}
      data-testid={`note-${row.node.code}`}
      value={draft.note}
      maxLength={1000}
      status={needsNote ? 'warning' : undefined}
      placeholder={needsNote ? t('请说明变化原因', 'Explain the change') : ''}
      autoSize={{ minRows: 1, maxRows: 3 }}
      onChange={(e) => onChange(row.node.code, { ...draft, note: e.target.value })}
    />
  );
}

export function FlagsCell({ row, draft, editable, onChange }: CellProps) {
  const { locale } = useSession();
  const system = (row.saved?.flags ?? []).filter((f) => f !== 'estimated' && f !== 'carried_forward');
  return (
    <Space orientation="vertical" size={2}>
      {editable ? (
        <Checkbox.Group
          value={draft.flags}
          options={(['estimated', 'carried_forward'] as EditableFlag[]).map((f) => ({
            value: f,
            label: pick(FLAG_LABELS[f]!, locale),
          }))}
          onChange={(v) => onChange(row.node.code, { ...draft, flags: v })}
        />
      ) : (
        draft.flags.map((f) => <Tag key={f}>{pick(FLAG_LABELS[f]!, locale)}</Tag>)
      )}
      {system.map((f) => (
        <Tag key={f} color={f === 'outlier' ? 'orange' : 'default'}>
          {FLAG_LABELS[f] ? pick(FLAG_LABELS[f], locale) : f}
        </Tag>
      ))}
    </Space>
  );
}
