/**
 * The market's code lists in both languages: the Chinese names are the contract's own (contracts/market.ts), the
 * English beside them. A code the list lacks shows as itself.
 */
import type { Text } from '../../../shared/i18n.ts';

type Names = Readonly<Record<string, Text>>;

export const DOMAIN_NAMES: Names = {
  seed: { zh: '种业', en: 'Seed industry' },
  crop: { zh: '种植业', en: 'Crops' },
  livestock: { zh: '畜牧业', en: 'Livestock' },
  dairy: { zh: '乳业', en: 'Dairy' },
  grassland: { zh: '草原生态', en: 'Grassland ecology' },
  sand: { zh: '防沙治沙', en: 'Desertification control' },
  rare_earth: { zh: '稀土新材料', en: 'Rare-earth materials' },
  energy: { zh: '新能源', en: 'New energy' },
  medicine: { zh: '蒙医药', en: 'Mongolian medicine' },
  coal_chemical: { zh: '煤化工', en: 'Coal chemistry' },
  food: { zh: '农畜产品加工', en: 'Food processing' },
  information: { zh: '信息技术', en: 'Information technology' },
  other: { zh: '其他', en: 'Other' },
};

export const STAGE_NAMES: Names = {
  early: { zh: '初期', en: 'Early' },
  middle: { zh: '中期', en: 'Intermediate' },
  mature: { zh: '成熟', en: 'Mature' },
};

export const ACHIEVEMENT_STATUS_NAMES: Names = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  review: { zh: '审核中', en: 'In review' },
  publicity: { zh: '公示中', en: 'In publicity' },
  listed: { zh: '已挂牌', en: 'Listed' },
  negotiating: { zh: '洽谈中', en: 'Negotiating' },
  transferred: { zh: '已转化', en: 'Transferred' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  rejected: { zh: '未通过', en: 'Rejected' },
};

export const DEMAND_STATUS_NAMES: Names = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  review: { zh: '审核中', en: 'In review' },
  published: { zh: '已发布', en: 'Published' },
  closed: { zh: '已解决', en: 'Solved' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  rejected: { zh: '未通过', en: 'Rejected' },
};

export const COOPERATION_NAMES: Names = {
  purchase: { zh: '购买', en: 'Purchase' },
  license: { zh: '许可', en: 'Licence' },
  joint_development: { zh: '合作/委托开发', en: 'Joint or commissioned development' },
  service: { zh: '技术服务', en: 'Technical service' },
  open_call: { zh: '揭榜挂帅', en: 'Open call (揭榜挂帅)' },
};

export const TRANSFER_MODE_NAMES: Names = {
  assignment: { zh: '转让', en: 'Assignment' },
  license_exclusive: { zh: '独占许可', en: 'Exclusive licence' },
  license_sole: { zh: '排他许可', en: 'Sole licence' },
  license_ordinary: { zh: '普通许可', en: 'Non-exclusive licence' },
  equity: { zh: '作价入股', en: 'Equity' },
  joint_development: { zh: '合作开发', en: 'Joint development' },
  service: { zh: '技术服务', en: 'Technical service' },
};

export const PRICING_NAMES: Names = {
  negotiable: { zh: '面议', en: 'Negotiable' },
  listed: { zh: '挂牌价', en: 'Listed price' },
  auction: { zh: '竞价', en: 'Auction' },
  appraisal: { zh: '评估', en: 'Appraisal' },
};

export const VISIBILITY_NAMES: Names = {
  public: { zh: '公开', en: 'Public' },
  registered: { zh: '注册用户可见', en: 'Registered users' },
  nda: { zh: '签署保密协议后可见详情', en: 'Detail after an NDA' },
  private: { zh: '不公开', en: 'Private' },
};

export const TYPE_NAMES: Names = {
  applied: { zh: '应用技术', en: 'Applied technology' },
  basic: { zh: '基础理论', en: 'Basic theory' },
  soft: { zh: '软科学', en: 'Soft science' },
};

export const ATTRIBUTE_NAMES: Names = {
  original: { zh: '原始创新', en: 'Original innovation' },
  absorbed: { zh: '引进消化吸收', en: 'Imported and absorbed' },
  secondary: { zh: '二次开发', en: 'Further development' },
};

export const FORM_NAMES: Names = {
  technology: { zh: '新技术', en: 'New technology' },
  process: { zh: '新工艺', en: 'New process' },
  product: { zh: '新产品', en: 'New product' },
  material: { zh: '新材料', en: 'New material' },
  variety: { zh: '新品种', en: 'New variety' },
  software: { zh: '软件', en: 'Software' },
  standard: { zh: '标准', en: 'Standard' },
};

export const IP_KIND_NAMES: Names = {
  invention: { zh: '发明专利', en: 'Invention patent' },
  utility: { zh: '实用新型', en: 'Utility model' },
  design: { zh: '外观设计', en: 'Design' },
  software: { zh: '软件著作权', en: 'Software copyright' },
  plant_variety: { zh: '植物新品种权', en: 'Plant variety right' },
  trade_secret: { zh: '商业秘密', en: 'Trade secret' },
  standard: { zh: '标准', en: 'Standard' },
};

export const SOURCE_NAMES: Names = {
  self: { zh: '企业自主发布', en: 'Posted by the enterprise' },
  survey: { zh: '科技特派员调研', en: 'Commissioner survey' },
  hotline: { zh: '12396 转办', en: '12396 hotline' },
  township: { zh: '乡镇（苏木）征集', en: 'Township collection' },
};

export const FEEDBACK_REASON_NAMES: Names = {
  too_early: { zh: '技术太早期', en: 'Too early' },
  benefit_unclear: { zh: '效益不清楚', en: 'Benefit unclear' },
  route_unclear: { zh: '转化路径不清楚', en: 'Route to market unclear' },
  not_our_field: { zh: '不是我们的领域', en: 'Not our field' },
  price: { zh: '价格不合适', en: 'Price' },
  location: { zh: '距离太远', en: 'Too far away' },
  other: { zh: '其他', en: 'Other' },
};

export const NDA_STATUS_NAMES: Names = {
  pending: { zh: '待处理', en: 'Pending' },
  approved: { zh: '已同意', en: 'Approved' },
  declined: { zh: '已拒绝', en: 'Declined' },
};

/** A code's name in the user's language (the code itself when unknown). */
export function nameOf(names: Names, code: string | null | undefined, t: (zh: string, en: string) => string): string {
  if (!code) return '—';
  const n = names[code];
  return n ? t(n.zh, n.en) : code;
}

/** Select options over every code of a list. */
export function optionsFrom(names: Names, t: (zh: string, en: string) => string): { value: string; label: string }[] {
  return Object.entries(names).map(([value, n]) => ({ value, label: t(n.zh, n.en) }));
}

const COLOURS: Readonly<Record<string, string>> = {
  draft: 'default',
  submitted: 'blue',
  review: 'processing',
  publicity: 'gold',
  listed: 'green',
  published: 'green',
  negotiating: 'cyan',
  transferred: 'purple',
  closed: 'purple',
  withdrawn: 'default',
  rejected: 'red',
  pending: 'gold',
  approved: 'green',
  declined: 'red',
};

/** A status list with the tag colour of each code (for StatusTag). */
function coloured(names: Names): Readonly<Record<string, Text & { color: string }>> {
  return Object.fromEntries(Object.entries(names).map(([k, n]) => [k, { ...n, color: COLOURS[k] ?? 'default' }]));
}

export const ACHIEVEMENT_STATUS_TAGS = coloured(ACHIEVEMENT_STATUS_NAMES);
export const DEMAND_STATUS_TAGS = coloured(DEMAND_STATUS_NAMES);
export const NDA_STATUS_TAGS = coloured(NDA_STATUS_NAMES);
