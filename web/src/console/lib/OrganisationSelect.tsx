/** Picks an organisation by name or credit code, searched on the server within the user's scope. */
import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import type { Organisation } from '../../../../contracts/organisations.ts';
import { api } from '../../shared/api.ts';
import { useT } from '../i18n.ts';

interface Props {
  value?: number;
  onChange?: (id: number | undefined) => void;
  /** Only organisations of this division subtree. */
  division?: string;
  id?: string;
}

export function OrganisationSelect({ value, onChange, division, id }: Props) {
  const t = useT();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    const ctl = new AbortController();
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setLoading(true);
      api
        .get<{ items: Organisation[] }>(
          '/api/organisations',
          { q: q || undefined, division, status: 'active', pageSize: 20 },
          ctl.signal,
        )
        .then(
          (page) => setOptions(page.items.map((o) => ({ value: o.id, label: `${o.name}（${o.divisionName}）` }))),
          () => undefined,
        )
        .finally(() => setLoading(false));
    }, 250);
    return () => {
      clearTimeout(timer.current);
      ctl.abort();
    };
  }, [q, division]);

  return (
    <Select<number>
      id={id}
      aria-label={t('所属单位', 'Organisation')}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      loading={loading}
      value={value}
      placeholder={t('输入名称搜索（可不填）', 'Type to search (optional)')}
      options={options}
      onChange={(v?: number) => onChange?.(v)}
      notFoundContent={loading ? t('搜索中…', 'Searching…') : t('没有匹配的单位', 'No match')}
    />
  );
}
