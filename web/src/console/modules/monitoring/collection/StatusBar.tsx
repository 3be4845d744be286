/** A stacked bar of county counts by workflow status (填报进度), with a legend in the tooltip. */
import { Tooltip } from 'antd';
import { pick } from '../../../../shared/i18n.ts';
import { useSession } from '../../../session.tsx';
import { STATUS_LABELS, STATUS_ORDER, type FormStatus } from './form-state.ts';

export const STATUS_HEX: Record<FormStatus, string> = {
  not_started: '#d9d9d9',
  draft: '#91caff',
  returned: '#ff7875',
  submitted: '#ffd666',
  league_approved: '#ffa940',
  approved: '#52c41a',
};

/** Segments of a bar: each status with its count and share, in workflow order, empty ones left out. */
export function segments(byStatus: Readonly<Record<string, number>>) {
  const total = STATUS_ORDER.reduce((s, k) => s + (byStatus[k] ?? 0), 0);
  return STATUS_ORDER.filter((k) => (byStatus[k] ?? 0) > 0).map((k) => ({
    status: k,
    count: byStatus[k] ?? 0,
    share: total === 0 ? 0 : (byStatus[k] ?? 0) / total,
  }));
}

export function StatusBar({ byStatus, height = 14 }: { byStatus: Readonly<Record<string, number>>; height?: number }) {
  const { locale } = useSession();
  const parts = segments(byStatus);
  return (
    <Tooltip
      title={parts.map((p) => (
        <div key={p.status}>
          {pick(STATUS_LABELS[p.status], locale)}: {p.count}
        </div>
      ))}
    >
      <div
        role="img"
        aria-label={parts.map((p) => `${pick(STATUS_LABELS[p.status], locale)} ${p.count}`).join('，')}
        style={{ display: 'flex', height, borderRadius: 4, overflow: 'hidden', background: '#f0f0f0', minWidth: 120 }}
      >
        {parts.map((p) => (
          <div key={p.status} style={{ width: `${p.share * 100}%`, background: STATUS_HEX[p.status] }} />
        ))}
      </div>
    </Tooltip>
  );
}

export function StatusLegend() {
  const { locale } = useSession();
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, fontSize: 12 }}>
      {STATUS_ORDER.map((s) => (
        <span key={s} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          <span
            style={{ width: 10, height: 10, borderRadius: 2, background: STATUS_HEX[s], display: 'inline-block' }}
          />
          {pick(STATUS_LABELS[s], locale)}
        </span>
      ))}
    </div>
  );
}
