/**
 * 演示数据: 30 demands from enterprises and collected in counties (made up; titles say 演示). Fields: domain, title,
 * description, keywords, target TRL, county, budget max (万元), cooperation forms, source.
 */
export type DemoDemand = [
  domain: string,
  title: string,
  description: string,
  keywords: string[],
  targetTrl: number | null,
  division: string,
  budgetMax: number | null,
  forms: string[],
  source: 'self' | 'survey' | 'hotline' | 'township',
];

// prettier-ignore
export const DEMO_DEMANDS: readonly DemoDemand[] = [
  ['seed', '马铃薯种薯退化问题求解', '合作社多年自留种，种薯退化、产量下降，需要脱毒种薯繁育技术和原原种供应。', ['马铃薯', '种薯', '退化'], 7, '150125', 50, ['purchase', 'service'], 'survey'],
  ['seed', '马铃薯病毒快速检测需求', '种薯企业需要田间可用的马铃薯病毒快速检测方法，用于种薯质量检验。', ['马铃薯', '病毒检测'], 6, '150923', 20, ['license', 'purchase'], 'self'],
  ['crop', '旱作马铃薯节水增产技术', '阴山北麓旱作区降水少，需要节水灌溉和水肥管理技术。', ['马铃薯', '节水', '滴灌'], 8, '150926', 30, ['service'], 'township'],
  ['dairy', '奶牛乳房炎高发求助', '牧场乳房炎发病率高，抗生素用量大，需要早期检测和防控方案。', ['奶牛', '乳房炎'], 7, '150121', 30, ['purchase', 'service'], 'self'],
  ['dairy', '牧场粪污处理与资源化', '存栏 2000 头牧场粪污处理压力大，希望将粪污转化为垫料或有机肥。', ['奶牛', '粪污', '资源化'], 8, '150123', 80, ['service', 'joint_development'], 'self'],
  ['dairy', '提高单产的日粮配方优化', '奶牛单产偏低，需要精准日粮配制技术和饲料成本控制方案。', ['奶牛', '日粮', '单产'], 7, '150121', 15, ['license', 'service'], 'hotline'],
  ['livestock', '绒山羊产绒量提升', '牧户绒山羊产绒量下降，需要选种选配技术和良种供应。', ['绒山羊', '产绒量', '选育'], 6, '150624', 40, ['joint_development', 'open_call'], 'survey'],
  ['livestock', '羊绒分梳得率低', '羊绒加工企业无毛绒得率低于同行，寻求分梳工艺改进。', ['羊绒', '分梳', '得率'], 7, '150602', 100, ['purchase', 'license'], 'self'],
  ['livestock', '羊绒衫起球投诉多', '出口羊绒衫起球问题突出，需要防起球整理技术。', ['羊绒', '起球', '整理'], 7, '150602', 50, ['license'], 'self'],
  ['livestock', '肉牛育肥成本高', '育肥场饲料成本高、日增重低，需要低成本育肥饲料配方。', ['肉牛', '育肥', '饲料'], 8, '150502', 20, ['license', 'service'], 'self'],
  ['livestock', '犊牛腹泻死亡率高', '冬春季犊牛腹泻多发，死亡率高，需要有效防治方案。', ['犊牛', '腹泻'], 7, '150421', 10, ['service', 'purchase'], 'hotline'],
  ['livestock', '肉牛良种扩繁', '合作社希望引进胚胎移植技术，加快西门塔尔良种扩繁。', ['肉牛', '胚胎移植', '良种'], 8, '150522', 60, ['service', 'joint_development'], 'survey'],
  ['grassland', '退化草场修复', '嘎查草场退化严重，需要补播改良技术和乡土草种。', ['草原', '退化', '补播'], 8, '152526', 40, ['service'], 'township'],
  ['grassland', '草畜平衡核定工具', '旗草原站需要遥感核定载畜量的工具，减少人工测产。', ['草畜平衡', '遥感'], 7, '152502', 60, ['purchase', 'service'], 'self'],
  ['grassland', '揭榜挂帅：盐碱地牧草种植', '盐碱化草地面积大，面向全国征集盐碱地改良和耐盐牧草种植方案。', ['盐碱地', '牧草', '改良'], 6, '150783', 200, ['open_call'], 'self'],
  ['sand', '沙地光伏电站治沙方案', '企业拟建沙漠光伏电站，需要板下固沙植被建植技术。', ['光伏', '治沙', '固沙'], 7, '150625', 300, ['joint_development', 'service'], 'self'],
  ['sand', '沙柳平茬后枝条利用', '大量沙柳平茬枝条无处利用，希望加工为燃料或板材。', ['沙柳', '生物质'], 8, '150621', 50, ['purchase', 'license'], 'township'],
  ['sand', '肉苁蓉接种率低', '梭梭林下肉苁蓉接种率低，需要高产栽培技术服务。', ['肉苁蓉', '梭梭', '接种'], 8, '152921', 15, ['service'], 'survey'],
  ['rare_earth', '永磁材料减少重稀土用量', '磁材企业希望降低镝铽用量并保持矫顽力。', ['稀土', '永磁', '重稀土'], 7, '150207', 500, ['license', 'joint_development'], 'self'],
  ['rare_earth', '稀土废料回收', '抛光粉废料堆存量大，寻求回收再生工艺。', ['稀土', '回收', '抛光粉'], 7, '150203', 150, ['purchase'], 'self'],
  ['rare_earth', '揭榜挂帅：尾矿资源综合利用', '面向全国征集白云鄂博尾矿稀土、铌综合回收技术方案。', ['尾矿', '稀土', '综合回收'], 5, '150206', 1000, ['open_call', 'joint_development'], 'self'],
  ['energy', '牧户用电不稳定', '边远牧户电网未覆盖，需要可靠的离网供电系统。', ['离网', '供电', '牧区'], 8, '150929', 10, ['purchase', 'service'], 'township'],
  ['energy', '风机冬季覆冰停机', '风电场冬季叶片覆冰导致停机，需要监测和除冰技术。', ['风电', '覆冰', '叶片'], 7, '150824', 200, ['license', 'joint_development'], 'self'],
  ['energy', '光伏板沙尘磨损', '沙尘大导致光伏板磨损和积灰，发电效率下降。', ['光伏', '沙尘', '涂层'], 6, '150223', 80, ['purchase', 'license'], 'self'],
  ['medicine', '蒙药制剂质量标准', '旗蒙医院制剂需要建立质量标准以完成备案。', ['蒙药', '质量标准'], 6, '150502', 30, ['service'], 'self'],
  ['medicine', '沙棘果渣综合利用', '沙棘饮料企业果渣废弃量大，希望提取功能成分。', ['沙棘', '果渣', '提取'], 6, '150426', 60, ['purchase', 'license'], 'self'],
  ['coal_chemical', '气化渣处置难题', '煤化工企业气化渣堆存量大，需要资源化利用技术。', ['气化渣', '固废', '资源化'], 7, '150622', 300, ['license', 'joint_development'], 'self'],
  ['coal_chemical', '高盐废水零排放', '园区要求废水零排放，企业需要分盐结晶技术。', ['高盐废水', '零排放', '分盐'], 8, '150627', 800, ['purchase', 'service'], 'self'],
  ['coal_chemical', '园区减碳路径', '煤化工企业需要绿氢替代与减碳技术路线咨询。', ['减碳', '绿氢'], 4, '150302', 100, ['service', 'joint_development'], 'self'],
  ['food', '冷鲜肉货架期短', '肉类加工企业冷鲜肉货架期短，外销困难，需要保鲜技术。', ['牛羊肉', '保鲜', '冷链'], 8, '150121', 40, ['license', 'service'], 'self'],
];
