/** Division switcher (区划切换): a tree of the divisions in the user's scope, children loaded on demand. */
import { useEffect, useState } from 'react';
import { TreeSelect } from 'antd';
import type { Division, DivisionDetail, DivisionList } from '../../../../contracts/divisions.ts';
import { api } from '../../shared/api.ts';
import { useDivision } from '../division.tsx';
import { useT } from '../i18n.ts';

interface Node {
  id: string;
  pId?: string;
  value: string;
  title: string;
  isLeaf: boolean;
}

function toNode(d: Division): Node {
  return { id: d.code, pId: d.parentCode ?? undefined, value: d.code, title: d.name, isLeaf: d.level === 'county' };
}

export function DivisionSwitcher() {
  const { current, roots, select } = useDivision();
  const t = useT();
  const [nodes, setNodes] = useState<Node[]>([]);

  useEffect(() => {
    let live = true;
    void Promise.all(roots.map((r) => api.get<DivisionDetail>(`/api/divisions/${r.code}`))).then((ds) => {
      if (live) setNodes(ds.map((d) => ({ ...toNode(d), pId: undefined })));
    });
    return () => {
      live = false;
    };
  }, [roots]);

  const loadData = async (node: object) => {
    const id = (node as { value?: string }).value;
    if (!id) return;
    const children = await api.get<DivisionList>(`/api/divisions/${id}/children`);
    setNodes((prev) => {
      const known = new Set(prev.map((n) => n.id));
      return [...prev, ...children.items.filter((c) => !known.has(c.code)).map(toNode)];
    });
  };

  return (
    <TreeSelect
      aria-label={t('切换行政区划', 'Switch division')}
      data-testid="division-switcher"
      style={{ minWidth: 200 }}
      treeDataSimpleMode
      treeData={nodes}
      loadData={loadData}
      value={current.code}
      showSearch
      treeNodeFilterProp="title"
      popupMatchSelectWidth={280}
      labelInValue={false}
      onChange={(code: string) => {
        const n = nodes.find((x) => x.value === code);
        if (n) select({ code, name: n.title });
      }}
      placeholder={current.name}
    />
  );
}
