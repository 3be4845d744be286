/** Server-side paging of a list table: the page and size from the URL, the total from the answer. */
import type { TablePaginationConfig } from 'antd';

export interface ListPaging {
  page: number;
  pageSize: number;
  /** The answer's total; undefined while loading. */
  total: number | undefined;
  /** A new page or page size (`update` of useUrlQuery takes it as it is). */
  onChange: (patch: { page: number; pageSize: number }) => void;
  /** '共 N 条' under the table. */
  showTotal?: (total: number) => string;
  /** The sizes offered; antd's 10/20/50/100 when left out. */
  pageSizeOptions?: number[];
}

/** The table's `pagination` prop for a server-paged list. */
export function listPagination({
  page,
  pageSize,
  total,
  onChange,
  showTotal,
  pageSizeOptions,
}: ListPaging): TablePaginationConfig {
  return {
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    ...(pageSizeOptions ? { pageSizeOptions } : {}),
    ...(showTotal ? { showTotal } : {}),
    onChange: (p, size) => onChange({ page: p, pageSize: size }),
  };
}
