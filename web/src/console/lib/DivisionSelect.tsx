/**
 * A division picker (行政区划) limited to a set of roots — by default the user's scope — as a searchable tree.
 * Used by list filters and forms; the server checks the scope of every request anyway.
 */
import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import type { Division, DivisionDetail, DivisionList } from '../../../../contracts/divisions.ts';
import { api } from '../../shared/api.ts';
import { useDivision, type CurrentDivision } from '../division.tsx';
import { useT } from '../i18n.ts';

const cache = new Map<string, Promise<Division[]>>();

/** A root and everything below it; fetched once per page load (reference data). */
function subtree(code: string): Promise<Division[]> {
  let p = cache.get(code);
  if (!p) {
    p = Promise.all([
      api.get<DivisionDetail>(`/api/divisions/${code}`),
      api.get<DivisionList>(`/api/divisions/${code}/descendants`),
    ]).then(([root, rest]) => [{ ...root, parentCode: null }, ...rest.items]);
    p.catch(() => cache.delete(code));
    cache.set(code, p);
  }
  return p;
}

export interface DivisionSelectProps {
  value?: string;
  onChange?: (code: string | undefined, name?: string) => void;
  /** Subtrees offered; the user's scope when left out. */
  roots?: readonly CurrentDivision[];
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  id?: string;
  'aria-label'?: string;
  disabled?: boolean;
}

export function DivisionSelect({
  value,
  onChange,
  roots,
  allowClear,
  placeholder,
  style,
  id,
  disabled,
  ...rest
}: DivisionSelectProps) {
  const t = useT();
  const scope = useDivision().roots;
  const wanted = roots ?? scope;
  const key = wanted.map((r) => r.code).join(',');
  const [items, setItems] = useState<Division[]>([]);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    const codes = key ? key.split(',') : [];
    Promise.all(codes.map(subtree)).then(
      (lists) => {
        if (!live) return;
        const seen = new Set<string>();
        setItems(lists.flat().filter((d) => (seen.has(d.code) ? false : (seen.add(d.code), true))));
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [key]);

  const nodes = useMemo(() => {
    const known = new Set(items.map((d) => d.code));
    return items.map((d) => ({
      id: d.code,
      pId: d.parentCode && known.has(d.parentCode) ? d.parentCode : undefined,
      value: d.code,
      title: d.name,
      isLeaf: !items.some((c) => c.parentCode === d.code),
    }));
  }, [items]);

  return (
    <TreeSelect
      id={id}
      aria-label={rest['aria-label'] ?? t('行政区划', 'Division')}
      style={{ minWidth: 180, ...style }}
      treeDataSimpleMode
      treeData={nodes}
      value={value}
      disabled={disabled}
      allowClear={allowClear}
      showSearch
      treeNodeFilterProp="title"
      popupMatchSelectWidth={280}
      placeholder={
        failed
          ? t('行政区划加载失败', 'Divisions failed to load')
          : (placeholder ?? t('选择行政区划', 'Choose a division'))
      }
      treeDefaultExpandedKeys={wanted.map((r) => r.code)}
      onChange={(code?: string) => onChange?.(code || undefined, nodes.find((n) => n.value === code)?.title)}
    />
  );
}
