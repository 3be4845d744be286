/**
 * Thesaurus data: crops, seed, soil, water, machinery, plant protection, storage (see thesaurus.ts for the format).
 * Terms cover both voices: the grower's words for a symptom (越种越小, 出苗不齐) and the researcher's for a method.
 */
export const AGRI_CONCEPTS = `
# id | 标签 | terms | broader | related
agri | 种植业 | 农业 种植 农田 庄稼 大田 农户 种植户 亩产 耕地 | |
crop.yield | 单产提升 | 增产 减产 产量低 产量下降 亩产 高产 稳产 产量一年不如一年 收成不好 收成差 | agri |
seed | 种业 | 种子 良种 品种 选育 育种 新品种 品种选育 良种繁育 制种 植物新品种权 | agri |
seed.breeding | 分子育种 | 分子标记 分子标记辅助选择 基因编辑 杂交选育 系统选育 航天育种 全基因组选择 种质资源 | seed |
potato | 马铃薯 | 土豆 洋芋 山药蛋 薯块 薯农 薯田 马铃薯产业 | agri |
potato.seed | 脱毒种薯 | 种薯 脱毒 茎尖脱毒 茎尖剥离 茎尖 组培 组织培养 原原种 原种 微型薯 雾培 试管苗 脱毒苗 良种薯 种薯繁育 种薯生产 | potato seed | potato.degen potato.virus
potato.degen | 种薯退化 | 自留种 自己留的种 自己留种 留的种 越种越小 越结越小 越种越差 薯块变小 种薯老化 换种 种子不行 种性退化 品种退化 带毒 种薯带病 病毒积累 | potato crop.yield | potato.seed potato.virus
potato.virus | 马铃薯病毒病 | 病毒病 花叶 卷叶 叶子打卷 打卷 皱缩 pvy plrv pvx 病毒 | potato plant.disease | potato.seed potato.degen
potato.blight | 马铃薯晚疫病 | 晚疫病 早疫病 疫病 黑胫病 叶子发黑 茎秆发黑 烂秧 霜霉 | potato plant.disease | plant.forecast plant.pesticide
potato.scab | 马铃薯疮痂病 | 疮痂病 黑痣病 枯萎病 土传病害 薯皮粗糙 薯皮长疤 表皮长疤 长疤 粉痂病 | potato plant.disease soil.disease | soil.biocontrol
potato.store | 马铃薯贮藏 | 窖藏 储藏 贮藏 薯窖 烂窖 发芽 抑芽 储存 储藏库 通风库 烂薯 | potato storage |
potato.process | 马铃薯加工 | 马铃薯淀粉 薯条 薯片 全粉 主食化 粉条 淀粉加工 | potato food |
potato.mech | 马铃薯机械化 | 马铃薯播种机 马铃薯收获机 杀秧 挖掘机 切种 | potato mech |
oat | 燕麦 | 莜麦 裸燕麦 皮燕麦 燕麦米 燕麦片 燕麦草 坝莜 | agri grain.minor |
oat.lodging | 抗倒伏 | 倒伏 倒了 倒一片 茎秆细弱 茎秆粗壮 矮秆 抗倒 风雨倒伏 | crop.yield | seed.breeding plant.regulator
grain.minor | 杂粮杂豆 | 杂粮 小杂粮 荞麦 谷子 小米 糜子 黍子 绿豆 红小豆 芸豆 藜麦 | agri |
grain.process | 杂粮加工 | 燕麦加工 燕麦片 杂粮加工 小米加工 挂面 即食 预熟化 β-葡聚糖 全谷物 功能食品 出米率 脱壳 碾米 燕麦粉 | food grain.minor |
sunflower | 向日葵 | 葵花 葵花籽 食葵 油葵 葵花盘 瓜子 | agri |
sunflower.broomrape | 列当 | 列当 向日葵列当 寄生草 寄生杂草 黄色的小草 扎在葵花根 寄生植物 | sunflower plant.weed | plant.herbicide crop.rotation
sunflower.disease | 向日葵病害 | 菌核病 黄萎病 锈病 盘腐 烂盘 葵花螟 葵花螟虫 向日葵螟 | sunflower plant.disease |
maize | 玉米 | 苞米 包谷 玉米种植 籽粒玉米 青贮玉米 鲜食玉米 | agri |
maize.pest | 玉米虫害 | 玉米螟 草地贪夜蛾 黏虫 粘虫 棉铃虫 蚜虫 钻心虫 | maize plant.pest | plant.biocontrol
dense.plant | 密植高产 | 密植 增密 合理密植 耐密 高密度种植 宽窄行 浅埋滴灌 | crop.yield |
wheat | 小麦 | 春小麦 麦子 硬质小麦 | agri |
rice | 水稻 | 稻米 大米 寒地水稻 稻田 盐碱地水稻 | agri |
soybean | 大豆 | 黄豆 豆类 大豆种植 根瘤菌 | agri |
beet | 甜菜 | 糖用甜菜 制糖 甜菜纸筒育苗 | agri |
vegetable | 蔬菜 | 番茄 辣椒 黄瓜 甘蓝 白菜 胡萝卜 西瓜 甜瓜 洋葱 蔬菜种植 | agri |
greenhouse | 设施农业 | 日光温室 温室 大棚 暖棚 拱棚 设施 冬季生产 反季节 保温 补光 | agri |
greenhouse.cold | 冬季低温冻害 | 冻害 冻伤 低温 霜冻 倒春寒 早霜 冻死 | crop.yield | greenhouse
fruit | 林果 | 果树 苹果 海棠果 葡萄 沙果 李子 树莓 蓝莓 | agri |
seabuckthorn | 沙棘 | 沙棘果 沙棘叶 沙棘油 沙棘原浆 沙棘汁 | fruit sand |
# plant protection
plant.disease | 植物病害 | 病害 病害加重 病斑 烂根 根腐病 死苗 死棵 | agri | plant.pesticide plant.biocontrol
plant.pest | 虫害 | 害虫 虫子 虫害 蝗虫 蝗灾 地下害虫 蛴螬 金针虫 | agri | plant.biocontrol plant.pesticide
plant.weed | 草害 | 杂草 除草 杂草多 草荒 | agri | plant.herbicide
plant.herbicide | 化学除草 | 除草剂 封闭除草 苗后除草 土壤处理 | plant.weed |
plant.pesticide | 精准施药 | 农药 打药 喷药 植保无人机 飞防 杀菌剂 杀虫剂 减药 农药残留 施药 施药次数 防控 打了几遍药 药剂 | plant.protection |
plant.biocontrol | 生物防治 | 生物农药 天敌 赤眼蜂 白僵菌 绿僵菌 性诱剂 诱捕 拮抗菌 生防菌 芽孢杆菌 木霉 | plant.protection |
plant.forecast | 病虫害预警 | 预测预报 测报 预警 监测预警 病虫害监测 智能虫情测报 | plant.protection |
plant.protection | 植物保护 | 植保 病虫害 病虫害防治 绿色防控 统防统治 | agri |
plant.regulator | 植物生长调节 | 生长调节剂 矮壮素 化控 缩节 | agri |
crop.rotation | 轮作倒茬 | 轮作 倒茬 连作 重茬 连作障碍 重茬病 间作 套种 诱捕作物 | agri | soil.disease
soil.disease | 土传病害 | 土传病害 连作障碍 重茬 土壤消毒 土壤病原 | plant.disease | crop.rotation soil.biocontrol
soil.biocontrol | 微生物菌剂 | 微生物菌肥 菌剂 生物菌肥 复合菌剂 有益菌 土壤微生物 | soil |
# soil and fertiliser
soil | 土壤 | 耕地质量 地力 土壤肥力 土质 | agri |
soil.fertility | 耕地地力提升 | 土地贫瘠 地力下降 地越来越薄 有机质低 有机质 土壤板结 板结 保护性耕作 免耕 深松 秸秆还田 | soil | fert.organic
black.soil | 黑土地保护 | 黑土地 黑土 黑土层变薄 黑土退化 | soil | soil.fertility
fert | 施肥 | 化肥 施肥 肥料 追肥 底肥 肥料用量 | soil |
fert.precise | 测土配方施肥 | 测土配方 配方施肥 精准施肥 变量施肥 缓释肥 控释肥 减肥增效 化肥减量 养分管理 | fert | fert.waterfert
fert.organic | 有机肥 | 有机肥 农家肥 生物有机肥 堆肥 腐熟 粪肥还田 | fert | livestock.manure
saline | 盐碱地改良 | 盐碱地 盐碱 盐渍化 次生盐渍化 返盐 泛盐 地表发白 白碱 碱地 苏打盐碱 碱化 含盐量 | soil | saline.gypsum saline.tolerant saline.drain
saline.gypsum | 盐碱地化学改良 | 脱硫石膏 石膏改良 改良剂 土壤改良剂 腐植酸 钙离子置换 | saline |
saline.tolerant | 耐盐碱品种 | 耐盐碱 耐盐 抗盐碱 盐生植物 耐盐碱作物 耐盐碱牧草 碱茅 | saline seed |
saline.drain | 暗管排盐 | 暗管 排盐 排碱 淋盐 洗盐 排水沟 控盐 | saline water |
film | 残膜治理 | 地膜 残膜 白色污染 可降解地膜 全生物降解地膜 残膜回收 覆膜 | agri env |
straw | 秸秆综合利用 | 秸秆 玉米秸秆 秸秆焚烧 秸秆还田 秸秆饲料 秸秆打捆 焚烧 | agri | straw.feed
straw.feed | 秸秆饲料化 | 黄贮 秸秆青贮 揉丝 微贮 秸秆发酵 秸秆饲料 氨化 | straw forage |
# water
water | 水资源 | 用水 水费 用水指标 地下水 地下水超采 缺水 干旱 水位下降 打井 抽不上来水 水不够用 井越打越深 机井 限水 | agri |
water.saving | 节水灌溉 | 节水 省水 节水灌溉 高效节水 大水漫灌 漫灌 畦灌 灌溉 浇地 浇水 喷灌 指针式喷灌 滴灌 微灌 渗灌 渠道渗漏 渠道防渗 衬砌 渠系 | water | fert.waterfert
fert.waterfert | 水肥一体化 | 水肥一体化 膜下滴灌 浅埋滴灌 随水施肥 施肥机 智能灌溉 灌溉施肥 | water.saving fert |
drought | 抗旱 | 干旱 旱灾 抗旱 旱作 旱地 雨养 保墒 蓄水保墒 少雨 | water crop.yield | water.saving
# mechanisation and digital
mech | 农牧业机械 | 农机 机械化 农机具 播种机 收获机 收割机 拖拉机 机收 机播 农业机械 | agri |
smart.agri | 智慧农业 | 物联网 传感器 遥感 无人机 北斗 自动驾驶 大数据 数字化 智能化 信息化 手机app 平台 | agri |
storage | 农产品储藏保鲜 | 保鲜 冷藏 冷库 仓储 储运 冷链 腐烂 损耗 长期保存 保质期 保存期 货架期 耐储存 放不住 存不住 | food |
food | 食品加工 | 农产品加工 深加工 精深加工 加工 食品 附加值 产品开发 | |
food.safety | 食品安全检测 | 农残 兽残 快速检测 检测试剂盒 质量安全 追溯 溯源 检测 | food |
env | 生态环境 | 环境 污染 环保 生态 生态修复 | |
# more crops, problems and methods
potato.rot | 马铃薯块茎腐烂 | 干腐病 湿腐病 环腐病 软腐病 黑心 空心 块茎腐烂 烂薯 | potato plant.disease | potato.store
oat.disease | 燕麦病害 | 红叶病 坚黑穗病 黑穗病 燕麦锈病 | oat plant.disease | seed.breeding
millet.weed | 谷子轻简化栽培 | 谷子除草 间苗 抗除草剂谷子 轻简化 精量播种 | grain.minor plant.weed | plant.herbicide
vegetable.disease | 蔬菜病害 | 灰霉病 白粉病 霜霉病 根结线虫 线虫 番茄病毒病 黄化曲叶 枯萎 | vegetable plant.disease | plant.biocontrol soil.disease
fungus | 食用菌 | 蘑菇 香菇 平菇 木耳 羊肚菌 双孢菇 菌棒 菌包 出菇 | agri |
apiculture | 蜂业 | 蜜蜂 养蜂 蜂蜜 蜂群 授粉 | agri |
aquaculture | 水产养殖 | 养鱼 鱼塘 水产 盐碱水养殖 南美白对虾 河蟹 冷水鱼 | agri | saline
forage.winter | 苜蓿越冬 | 越冬 返青差 冻死 越冬率 秋眠级 抗寒品种 死苗 | alfalfa greenhouse.cold | seed.breeding
alfalfa.pest | 苜蓿病虫害 | 蓟马 苜蓿蚜虫 苜蓿褐斑病 叶斑病 | alfalfa plant.pest | plant.biocontrol
forage.artificial | 人工草地 | 人工草地 人工种草 饲草基地 多年生牧草 一年生牧草 混播 建植 | forage grass |
drip.clog | 滴灌堵塞 | 滴头堵塞 堵塞 过滤器 滴灌带 毛管 水质过滤 泥沙 黄河水 | water.saving |
saline.crop | 盐碱地特色种植 | 甜高粱 枸杞 油葵 盐地碱蓬 耐盐 | saline |
seed.quality | 种子质量 | 发芽率 出苗率 出苗不齐 出苗差 缺苗断垄 种子包衣 种子处理 丸粒化 | seed crop.yield |
harvest.loss | 收获损失 | 掉粒 落粒 破碎率 伤薯 破皮 收获损失 损伤 | mech crop.yield |
dryland | 旱作农业 | 旱作 雨养 集雨 坐水种 抗旱播种 旱地 | drought |
`;
