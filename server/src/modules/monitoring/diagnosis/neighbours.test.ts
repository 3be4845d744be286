import { describe, expect, it } from 'vitest';
import { adjacency } from './neighbours.ts';

const square = (x: number, y: number, size = 1): [number, number][] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

describe('county adjacency from polygons', () => {
  it('links counties sharing a border (within the tolerance), not those touching at one corner or apart', () => {
    const geometry = {
      features: [
        { id: 'A', geometry: { type: 'Polygon' as const, coordinates: [square(0, 0)] } },
        // shares A's right edge, vertices slightly off (simplified separately)
        { id: 'B', geometry: { type: 'Polygon' as const, coordinates: [square(1.004, 0)] } },
        // touches B at one corner only
        { id: 'C', geometry: { type: 'Polygon' as const, coordinates: [square(2.004, 1.004)] } },
        // far away, a multipolygon whose second part borders A's top edge
        {
          id: 'D',
          geometry: { type: 'MultiPolygon' as const, coordinates: [[square(10, 10)], [square(0, 1, 1)]] },
        },
      ],
    };
    const n = adjacency(geometry);
    expect([...n.get('A')!].sort()).toEqual(['B', 'D']);
    expect([...n.get('B')!]).toEqual(['A']);
    expect([...n.get('C')!]).toEqual([]);
  });
});
