/**
 * Thesaurus data: desert and ecology, mining restoration, wind/solar/storage/hydrogen, rare earths, coal and coal
 * chemicals, metallurgy, Mongolian medicine and medicinal plants, rural environment, digital services (see
 * thesaurus.ts for the format).
 */
export const ENERGY_CONCEPTS = `
# desert, ecology
sand | 防沙治沙 | 沙漠 沙地 沙化 荒漠化 土地沙化 流沙 风沙 沙尘 沙尘暴 沙丘 流动沙丘 沙子 沙害 治沙 防沙 固沙 沙产业 库布其 毛乌素 科尔沁沙地 浑善达克 乌兰布和 巴丹吉林 腾格里 防风固沙 风蚀 沙漠化 锁边 | env |
sand.barrier | 沙障固沙 | 沙障 草方格 麦草方格 沙柳沙障 机械沙障 生物沙障 可降解沙障 固沙剂 沙障铺设 | sand |
sand.plant | 固沙植被 | 梭梭 花棒 杨柴 柠条 沙柳 沙蒿 樟子松 乔灌草 灌木 飞播 植苗造林 容器苗 造林成活率 树苗也活不了 成活率低 | sand forest |
sand.cistanche | 沙生药材 | 肉苁蓉 管花肉苁蓉 锁阳 梭梭接种肉苁蓉 接种 | sand mmed.herb |
forest | 林业 | 造林 林木 苗木 防护林 林地 树木 育苗 种苗 | env |
forest.pest | 林业有害生物 | 天牛 杨树病虫害 松材线虫 林木病虫害 枯死 | forest plant.pest |
mine.restore | 矿山生态修复 | 矿山修复 排土场 露天矿 采煤沉陷区 塌陷 复垦 土地复垦 煤矸石山 边坡 矿区 尾矿 | env coal |
wetland | 湖泊湿地 | 湿地 湖泊 乌梁素海 呼伦湖 岱海 水质 富营养化 蓝藻 | env water |
rural.env | 农村人居环境 | 农村污水 生活污水 厕所 旱厕 户厕 粪污 垃圾 村庄 厕所革命 | env |
heating | 清洁取暖 | 供暖 取暖 燃煤锅炉 烧煤 冬季采暖 热泵 空气源热泵 太阳能供暖 生物质 生物质颗粒 | energy env |
# energy
energy | 能源 | 电力 发电 发电量 电站 电网 新能源 绿电 用电 电费 | |
wind | 风电 | 风电 风机 风电场 风力发电 风电机组 机组 叶片 风能 塔筒 | energy |
wind.ice | 叶片覆冰 | 结冰 覆冰 叶片结冰 除冰 防冰 冰块 湿气大 停机 | wind |
wind.fault | 风机故障诊断 | 齿轮箱 轴承 主轴 故障 故障诊断 振动 预测性维护 状态监测 运维 非计划停机 变桨 | wind energy.om |
energy.om | 智能运维 | 运维 巡检 检修 维护成本 无人机巡检 智能巡检 故障预警 状态检修 | energy |
energy.forecast | 功率预测 | 功率预测 出力预测 风功率预测 光功率预测 气象预报 考核 偏差考核 | energy |
solar | 光伏 | 光伏 太阳能 光伏电站 光伏板 电池板 光伏组件 组件 板子 逆变器 | energy |
solar.dust | 光伏组件积灰清洗 | 积灰 落灰 灰尘 沙尘覆盖 全是土 擦板子 清扫 清洗 清扫机器人 无水清洗 毛刷 积雪 除雪 覆雪 | solar | sand
solar.fault | 光伏组件缺陷 | 热斑 隐裂 衰减 pid 红外检测 el检测 组串 失配 | solar energy.om |
pv.sand | 光伏治沙 | 光伏治沙 板下种植 板间种植 光伏牧场 农光互补 牧光互补 林光互补 | solar sand |
storage.energy | 储能 | 储能 电池 锂电池 液流电池 钒电池 压缩空气储能 飞轮 储热 熔盐 调峰 调频 弃风 弃光 消纳 限电 | energy |
hydrogen | 氢能 | 氢能 绿氢 制氢 电解水 电解槽 碱性电解 pem 储氢 氢燃料 燃料电池 加氢站 绿氨 | energy |
grid | 配电网 | 微电网 配电网 线损 电压 电能质量 牧区供电 离网 | energy |
# rare earths and materials
re | 稀土 | 稀土 白云鄂博 包头稀土 轻稀土 氧化镨钕 | materials |
re.smelt | 稀土冶炼分离 | 冶炼分离 萃取 萃取分离 焙烧 酸浸 碱法 精矿 稀土精矿 氨氮废水 放射性 含氟废气 稀土尾矿 伴生矿 资源综合利用 | re |
re.magnet | 稀土永磁 | 永磁 钕铁硼 磁体 磁材 烧结钕铁硼 粘结磁体 矫顽力 晶界扩散 退磁 永磁电机 磁钢 | re |
re.polish | 稀土抛光粉 | 抛光粉 铈基抛光粉 抛光 划伤 划痕 粒度 粒径 颗粒大小 粒度分布 盖板玻璃 | re |
re.hydrogen | 稀土储氢材料 | 储氢合金 镍氢电池 储氢材料 | re hydrogen |
re.catalyst | 稀土催化 | 稀土催化剂 三元催化 脱硝催化剂 scr 尾气净化 | re |
re.steel | 稀土钢 | 稀土钢 稀土镁合金 稀土铝合金 稀土合金 耐磨 韧性 | re metal |
re.lumin | 稀土发光 | 荧光粉 发光材料 led 闪烁晶体 | re |
materials | 新材料 | 材料 新材料 复合材料 涂层 陶瓷 纳米 粉体 | |
metal | 冶金 | 钢铁 电解铝 铝合金 硅铁 锰硅 铁合金 多晶硅 单晶硅 工业硅 石墨 石墨电极 碳化硅 冶炼 电炉 能耗高 电耗 | materials |
graphite | 石墨 | 石墨 石墨烯 负极材料 人造石墨 球形石墨 | materials |
# coal, coal chemicals
coal | 煤炭 | 煤矿 煤炭 采煤 煤田 露天煤矿 井工矿 选煤 洗煤 褐煤 | |
coal.safety | 煤矿安全 | 瓦斯 透水 冲击地压 顶板 自燃 煤矿安全 井下 智能矿山 无人开采 综采 | coal |
coal.water | 矿井水 | 矿井水 疏干水 高矿化度 井下出水 井下的水 涌水 矿井涌水 排水 | coal water |
coalchem | 煤化工 | 煤化工 现代煤化工 煤制油 煤制烯烃 煤制甲醇 煤制气 煤制乙二醇 甲醇 烯烃 焦化 兰炭 焦炉煤气 煤焦油 焦油 粗苯 | coal |
coal.gasify | 煤气化 | 气化 煤气化 气化炉 水煤浆 粉煤气化 合成气 结渣 灰熔点 气化效率 碳转化率 | coalchem |
coal.wastewater | 高盐废水零排放 | 废水 高盐废水 含盐 零排放 近零排放 分盐 结晶 杂盐 膜浓缩 蒸发结晶 吨水处理成本 回用 含酚废水 焦化废水 酚氨回收 难降解 | coalchem env |
coal.solid | 固废综合利用 | 固废 气化渣 粉煤灰 煤矸石 炉渣 电石渣 赤泥 建材 免烧砖 填充 综合利用 渣子 渣场 废渣 灰渣 变废为宝 堆场 残碳 | coalchem env |
ccus | 碳捕集利用封存 | 二氧化碳 co2 碳排放 碳捕集 ccus 封存 驱油 碳达峰 碳中和 减排 | env energy |
catalyst | 催化剂 | 催化剂 催化 失活 选择性 转化率 收率 | coalchem materials |
chem.fine | 精细化工 | 精细化工 下游产品 高端化 延链 聚乙烯 聚丙烯 可降解塑料 pbat pga | coalchem |
# Mongolian medicine
mmed | 蒙医药 | 蒙药 蒙医 蒙医院 蒙医药 民族医药 传统方剂 老方子 验方 经典名方 | |
mmed.prep | 蒙药制剂 | 制剂 剂型 散剂 丸剂 颗粒剂 胶囊 微丸 片剂 口服液 掩味 包衣 流化床 医院制剂 | mmed |
mmed.quality | 药品质量标准 | 质量标准 指纹图谱 含量测定 稳定性 质量控制 药效 药理 毒理 安全性评价 临床试验 新药 药效评价 批文 注册 | mmed |
mmed.herb | 道地药材 | 中药材 药材 黄芪 甘草 防风 赤芍 黄芩 苦参 肉苁蓉 锁阳 桔梗 板蓝根 中草药 药材种植 野生抚育 仿野生 | mmed agri |
mmed.herb.quality | 药材品质 | 有效成分 含量低 品质下降 道地性 连作 重金属 农残 | mmed.herb |
health.product | 保健食品 | 保健品 功能食品 特医食品 营养品 提取物 活性成分 | food |
# services and digital
digital | 数字化 | 软件 系统 平台 大数据 人工智能 ai 算法 模型 物联网 云平台 小程序 app 数字孪生 | |
trace | 追溯 | 追溯 溯源 二维码 一物一码 防伪 区块链 地理标志 品牌 | food digital |
ecommerce | 电商销售 | 电商 网上卖 直播 销路 卖不出去 卖难 滞销 冷链物流 | food |
# more energy, materials, environment and medicine
blade.recycle | 退役设备回收 | 退役叶片 叶片回收 退役组件 组件回收 退役光伏 废旧电池 电池回收 梯次利用 | energy env |
re.recycle | 稀土二次资源回收 | 废料回收 磁材废料 钕铁硼废料 稀土回收 二次资源 油泥 | re env |
coal.upgrade | 褐煤提质 | 褐煤提质 褐煤干燥 热解 低阶煤 水分高 热值低 | coal coalchem |
flue.gas | 烟气治理 | 烟气 脱硫 脱硝 除尘 超低排放 烟尘 二氧化硫 氮氧化物 锅炉 | env energy |
csp | 光热发电 | 光热 塔式 槽式 熔盐储热 集热 | energy storage.energy |
rural.power | 牧区用电 | 户用光伏 离网 风光互补 牧区用电 停电 电压低 通电 | energy grid |
mmed.therapy | 蒙医特色疗法 | 蒙医疗法 针刺 放血 温针 灸疗 正骨 蒙医正骨 药浴疗法 | mmed |
mmed.disease | 常见病诊疗 | 关节炎 风湿 类风湿 胃病 心脑血管 高血压 失眠 骨折 | mmed |
wood | 林下经济 | 林下 林下种植 林下养殖 林麝 林果 | forest agri |
sewage | 污水处理 | 污水处理 生活污水 工业废水 活性污泥 膜生物反应器 mbr 人工湿地 | env |
waste | 固体废物 | 垃圾 生活垃圾 垃圾分类 填埋 焚烧发电 危废 | env |
`;
