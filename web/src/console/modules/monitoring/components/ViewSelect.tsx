/** The results map's view selector: index score, rank change, tier, any dimension or indicator (searchable). */
import { Select } from 'antd';
import type { RunResult } from '../../../../../../contracts/monitoring.ts';
import { useT } from '../../../i18n.ts';
import { formatResultView, viewOptions, type ResultView } from '../map-view.ts';

export function ViewSelect({
  result,
  view,
  onView,
}: {
  result: RunResult;
  view: ResultView;
  onView: (v: string) => void;
}) {
  const t = useT();
  return (
    <Select<string>
      aria-label={t('地图显示', 'Map shows')}
      style={{ width: 220, maxWidth: '100%' }}
      showSearch={{ optionFilterProp: 'label' }}
      value={formatResultView(view)}
      options={viewOptions(result.framework, t)}
      onChange={onView}
    />
  );
}
