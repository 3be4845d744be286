/**
 * The filter row above a list and its usual members: a select over known codes and a search box. Their values live
 * in the URL (useUrlQuery); clearing a filter hands `undefined` on, which removes it from the URL.
 */
import type { ReactNode } from 'react';
import { Empty, Input, Select, Space } from 'antd';
import { useT } from '../../i18n.ts';

/** The row of filters (division, type, status, search …), wrapping on narrow screens. */
export function FilterBar({ children }: { children: ReactNode }) {
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      {children}
    </Space>
  );
}

/** A clearable select over known codes: its label names it for screen readers, the placeholder says "all". */
export function SelectFilter({
  label,
  placeholder,
  width,
  value,
  options,
  onChange,
}: {
  label: string;
  placeholder: string;
  width: number;
  value: string | undefined;
  options: { value: string; label: string }[];
  onChange: (value: string | undefined) => void;
}) {
  return (
    <Select
      aria-label={label}
      allowClear
      placeholder={placeholder}
      style={{ width }}
      value={value}
      options={options}
      onChange={(v?: string) => onChange(v)}
    />
  );
}

/**
 * A search box showing the URL's term; it starts afresh when the term changes elsewhere (a link, the back button).
 * `withButton` adds the 搜索 button.
 */
export function SearchFilter({
  label,
  placeholder,
  width,
  value,
  onSearch,
  withButton = false,
}: {
  label: string;
  placeholder: string;
  width: number;
  value: string | undefined;
  onSearch: (value: string) => void;
  withButton?: boolean;
}) {
  const t = useT();
  return (
    <Input.Search
      aria-label={label}
      key={value ?? ''}
      defaultValue={value}
      placeholder={placeholder}
      allowClear
      enterButton={withButton ? t('搜索', 'Search') : undefined}
      style={{ width }}
      onSearch={onSearch}
    />
  );
}

/** A table's `locale` that says why the list is empty. */
export function emptyText(description: ReactNode): { emptyText: ReactNode } {
  return { emptyText: <Empty description={description} /> };
}
