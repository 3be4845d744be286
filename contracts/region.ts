/**
 * The platform's default region, 内蒙古自治区 (GB/T 2260 code 150000): the region monitoring and its index runs cover,
 * whose map the reports and the console draw, whose leagues the portal lists, and where the demo seed places its
 * region-wide accounts. Name it through this constant, never as a literal.
 */
export const DEFAULT_REGION_CODE = '150000';
export const DEFAULT_REGION_NAME = { zh: '内蒙古自治区', en: 'Inner Mongolia Autonomous Region' } as const;
