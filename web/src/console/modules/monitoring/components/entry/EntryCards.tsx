/**
 * One dimension of the entry form on a phone: a card per indicator, its name in full, the value input across the
 * card's width with the unit beside it, last year and the change under it, the checks, then source, note and flags.
 */
import { Card, Space, Typography } from 'antd';
import { useT } from '../../../../i18n.ts';
import { useSession } from '../../../../session.tsx';
import type { Row } from '../../collection/form-state.ts';
import {
  ChecksCell,
  FlagsCell,
  IndicatorName,
  NoteCell,
  SourceCell,
  ValueCell,
  YoyCell,
  formatValue,
} from './EntryCells.tsx';
import type { FormTableProps } from './FormTable.tsx';

function Label({ children }: { children: string }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {children}
    </Typography.Text>
  );
}

function IndicatorCard({ row, drafts, editable, onChange }: Omit<FormTableProps, 'rows'> & { row: Row }) {
  const t = useT();
  const { locale } = useSession();
  const draft = drafts.get(row.node.code);
  const unit = row.node.spec?.unit ?? '';
  const hasError = row.findings.some((f) => f.severity === 'error');
  return (
    <Card
      size="small"
      data-testid={`entry-card-${row.node.code}`}
      style={{ marginBottom: 12, borderColor: hasError ? '#ffa39e' : undefined }}
    >
      <IndicatorName row={row} />
      {draft && (
        <Space orientation="vertical" size={8} style={{ width: '100%', marginTop: 8 }}>
          <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <div style={{ flex: 1, minWidth: 0 }}>
              <ValueCell row={row} draft={draft} editable={editable} onChange={onChange} />
            </div>
            {unit && (
              <Typography.Text type="secondary" style={{ maxWidth: '40%' }}>
                {unit}
              </Typography.Text>
            )}
          </div>
          <Space size="large" wrap>
            <span>
              <Label>{t('上年值 ', 'Last year ')}</Label>
              {formatValue(row.previous, locale)}
            </span>
            <span>
              <Label>{t('同比 ', 'YoY ')}</Label>
              <YoyCell row={row} draft={draft} />
            </span>
          </Space>
          <ChecksCell row={row} />
          {(editable || draft.source) && (
            <div>
              <Label>{t('数据来源', 'Source')}</Label>
              <SourceCell row={row} draft={draft} editable={editable} onChange={onChange} />
            </div>
          )}
          {(editable || draft.note) && (
            <div>
              <Label>{t('备注 / 说明', 'Note')}</Label>
              <NoteCell row={row} draft={draft} editable={editable} onChange={onChange} />
            </div>
          )}
          <FlagsCell row={row} draft={draft} editable={editable} onChange={onChange} />
        </Space>
      )}
    </Card>
  );
}

export function EntryCards({ rows, ...rest }: FormTableProps) {
  return (
    <div>
      {rows.map((r) => (
        <IndicatorCard key={r.node.code} row={r} {...rest} />
      ))}
    </div>
  );
}
