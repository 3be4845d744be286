/**
 * Thesaurus data: livestock (dairy, beef, sheep, cashmere goats, horses, camels), animal health, breeding, feed and
 * forage, grassland, meat/milk/fibre processing (see thesaurus.ts for the format).
 */
export const LIVESTOCK_CONCEPTS = `
livestock | 畜牧业 | 养殖 牧业 牲畜 牲口 家畜 畜禽 牧户 牧民 养殖户 养殖场 牧场 存栏 出栏 嘎查 | |
dairy | 奶牛 | 奶牛 乳业 奶业 荷斯坦 黑白花 泌乳牛 奶源 生鲜乳 牛奶 鲜奶 挤奶 乳企 收奶 | livestock |
dairy.yield | 单产奶量 | 产奶量 产奶少 奶量 单产 泌乳量 泌乳曲线 奶少 产奶量下降 产奶量上不去 单产低 日单产 产奶不高 奶产量 | dairy | dairy.nutrition
dairy.quality | 乳品质 | 乳脂率 乳蛋白 乳成分 乳蛋白率 奶质 牛奶质量 菌落总数 | dairy |
mastitis | 乳房炎 | 乳房炎 隐性乳房炎 乳房红肿 乳房肿 体细胞 体细胞数 体细胞超标 絮状物 奶块 cmt 电导率 | dairy animal.disease | dairy.quality
dairy.nutrition | 奶牛营养调控 | 精准饲喂 日粮 配方 全混合日粮 tmr 营养需要 过瘤胃 瘤胃 酮病 酸中毒 围产期 干奶期 产后瘫痪 低血钙 真胃移位 皱胃变位 能量负平衡 泌乳阶段 分群饲喂 营养需要模型 能量平衡 过瘤胃蛋白 饲喂管理 | dairy feed |
hoof | 肢蹄病 | 蹄病 蹄叶炎 瘸腿 跛行 腐蹄病 修蹄 蹄浴 | dairy beef animal.disease |
calf | 犊牛培育 | 犊牛 小牛 犊牛腹泻 犊牛死亡 初乳 断奶 哺乳 代乳粉 | dairy beef | calf.diarrhea
calf.diarrhea | 幼畜腹泻 | 腹泻 拉稀 下痢 大肠杆菌 轮状病毒 冠状病毒 产气荚膜梭菌 梭菌 | animal.disease | vaccine
beef | 肉牛 | 肉牛 牛肉 西门塔尔 安格斯 夏洛莱 和牛 科尔沁牛 蒙古牛 架子牛 育肥牛 母牛 繁殖母牛 | livestock |
fattening | 高效育肥 | 育肥 快速育肥 日增重 增重慢 长得慢 长得快 出栏慢 不出栏 料肉比 饲料转化率 饲料费 饲料成本 | livestock | feed.tmr
sheep | 肉羊 | 肉羊 绵羊 羊肉 羊只 羊群 湖羊 杜泊 萨福克 乌珠穆沁羊 苏尼特羊 呼伦贝尔羊 巴美肉羊 小尾寒羊 昭乌达肉羊 母羊 公羊 育肥羊 羊圈 | livestock |
sheep.twin | 多胎繁殖 | 多胎 多羔 双羔 产羔率 fecb 一胎多羔 繁殖率低 一年两产 两年三产 一胎一只 一胎就下一只 单羔 产羔少 两三只 | sheep repro |
lamb | 羔羊 | 羊羔 小羊 羔羊 产羔 冬羔 春羔 羔羊成活率 早期断奶 羔羊代乳 | sheep | calf.diarrhea
goat | 绒山羊 | 山羊 白绒山羊 阿尔巴斯 阿拉善型 二狼山 罕山 绒山羊 | livestock |
cashmere | 羊绒 | 山羊绒 羊绒 绒毛 产绒 产绒量 绒细 细度 绒长 超细 绒纤维 抓绒 | goat fibre |
cashmere.coarse | 羊绒变粗 | 绒变粗 绒毛变粗 变粗变短 细度不够 绒粗 压价 卖不上价 | cashmere | goat.breed
goat.breed | 绒山羊选育 | 种公羊 选种选配 品系 新品系 选育 核心群 | goat repro |
fibre | 毛绒纺织 | 羊毛 细毛羊 毛纺 分梳 无毛绒 纺纱 针织 染色 羊绒衫 | livestock |
fibre.process | 羊绒加工 | 分梳 洗毛 洗绒 去杂 染色 低温染色 纺纱 粗梳 精纺 羊绒制品 发黄 白度 漂白 手感 柔软 柔软整理 起球 | fibre |
horse | 马产业 | 马匹 蒙古马 三河马 马产业 马奶 酸马奶 马术 | livestock |
camel | 骆驼 | 双峰驼 驼奶 驼绒 骆驼奶 驼乳 | livestock |
yak | 其他畜种 | 毛驴 驴奶 梅花鹿 鹿茸 | livestock |
pig | 生猪 | 生猪 母猪 仔猪 猪场 非洲猪瘟 | livestock |
poultry | 家禽 | 蛋鸡 肉鸡 鸡蛋 草原鸡 | livestock |
# reproduction
repro | 繁殖技术 | 繁殖 配种 配不上 怀不上 空怀 不孕 屡配不孕 发情 发情不明显 受胎率 妊娠 产犊 产羔 产犊率 繁殖率 | livestock |
repro.ai | 人工授精 | 人工授精 输精 冻精 冷冻精液 定时输精 性控冻精 性控 精液 | repro |
repro.sync | 同期发情 | 同期发情 孕酮 阴道栓 前列腺素 gnrh 诱导发情 发情鉴定 发情监测 计步器 | repro | repro.ai
repro.embryo | 胚胎移植 | 胚胎移植 超数排卵 体外受精 ivf 胚胎 良种扩繁 活体采卵 opu | repro |
repro.preg | 妊娠诊断 | b超 早孕诊断 妊娠诊断 孕检 | repro |
genomic | 基因组选择 | 基因组选择 基因组育种 生产性能测定 性能测定 育种值 系谱 dhi 奶牛生产性能测定 | repro seed.breeding |
# animal health
animal.disease | 动物疫病 | 疫病 发病 死亡 死亡率 死了 发烧 高热 兽医 防疫 传染病 病死 | livestock | vaccine animal.diag
vaccine | 疫苗 | 疫苗 灭活疫苗 弱毒疫苗 亚单位疫苗 基因工程疫苗 免疫 接种 打疫苗 | animal.disease |
animal.diag | 动物疫病诊断 | 快速诊断 诊断试剂盒 检测试纸 pcr 荧光定量 elisa 胶体金 抗体检测 | animal.disease |
brucella | 布病 | 布鲁氏菌 布病 布氏杆菌 流产 胎衣不下 布鲁氏菌病 布氏杆菌病 胎衣下不来 人畜共患 人也会得 传染给人 人也得 | animal.disease |
fmd | 口蹄疫等重大疫病 | 口蹄疫 小反刍兽疫 羊痘 传染性胸膜肺炎 牛结节性皮肤病 结核 | animal.disease |
parasite | 寄生虫病 | 寄生虫 包虫 棘球蚴 驱虫 体外寄生虫 疥癣 螨虫 肝片吸虫 消瘦 掉膘 掉毛 脱毛 瘙痒 身上痒 蹭痒 结痂 长疙瘩 皮屑 药浴 伊维菌素 | animal.disease | vet.drug
respiratory | 呼吸道病 | 肺炎 咳嗽 气喘 呼吸道 巴氏杆菌 支原体 | animal.disease |
vet.drug | 兽药 | 兽药 抗生素 中兽药 蒙兽药 替抗 减抗 耐药 抗菌肽 微生态制剂 益生菌 | animal.disease |
# feed and forage
feed | 饲料 | 饲料 精料 精饲料 补饲 饲喂 喂料 饲养 草料 添加剂 预混料 舔砖 | livestock |
feed.tmr | 全混合日粮 | tmr 全混合日粮 日粮配方 配方饲料 饲料配方 精准饲喂 分阶段饲喂 营养模型 | feed |
feed.cost | 饲草料短缺 | 草料不够 草料贵 饲料贵 饲草缺 冬春缺草 吃不饱 缺草 买草 饲草短缺 草料短缺 饲草不足 饲料短缺 没草 缺饲草 草料钱 | feed forage |
forage | 饲草 | 牧草 饲草 草业 优质饲草 干草 草捆 青干草 燕麦草 饲用燕麦 草产业 产草量 牧草产量 饲草产量 | livestock agri |
alfalfa | 苜蓿 | 紫花苜蓿 苜蓿 苜蓿干草 苜蓿草 刈割 刈割次数 留茬 苜蓿产量 | forage |
silage | 青贮 | 青贮 裹包青贮 窖贮 全株青贮 青贮玉米 半干青贮 乳酸菌 青贮添加剂 发霉 霉变 二次发酵 开包 | forage feed |
hay.loss | 干草调制 | 晾晒 晒干 翻晒 掉叶 叶片脱落 落叶 淋雨 雨淋 调制 压扁 快速干燥 | forage | silage
grass | 草原 | 草场 草原 草地 天然草原 牧场草地 草牧场 承包草场 打草场 | env livestock |
grass.degrade | 草原退化 | 草场退化 草原退化 草越长越矮 草变矮 草变稀 盖度下降 毒草 毒草多 沙化 秃斑 露出沙子 过牧 超载 产草量低 草场沙化 黑土滩 鼠荒地 | grass | grass.restore grass.graze
grass.restore | 草原生态修复 | 补播 免耕补播 草种 乡土草种 围栏封育 封育 禁牧 休牧 划区轮牧 修复 植被恢复 盖度 生态修复 | grass env |
grass.graze | 草畜平衡 | 草畜平衡 载畜量 轮牧 划区轮牧 季节性休牧 舍饲 半舍饲 放牧管理 | grass |
grass.rodent | 草原鼠虫害 | 鼠害 鼠洞 老鼠 鼢鼠 布氏田鼠 草原蝗虫 蝗虫 草地螟 老鼠洞 鼠密度 灭鼠 鼠药 毒饵 天敌 | grass plant.pest |
grass.seed | 草种繁育 | 草种 羊草 冰草 披碱草 老芒麦 无芒雀麦 草种扩繁 乡土草种 | grass seed |
# animal products
meat | 肉类加工 | 屠宰 分割 排酸 胴体 冷鲜肉 冷鲜 冷冻肉 冷冻 解冻 风干牛肉 牛肉干 肉制品 熟食 嫩化 | food livestock |
meat.quality | 肉品质 | 汁液流失 汁水流失 肉色 发暗 口感差 膻味 嫩度 大理石花纹 保质期 货架期 | meat | meat.fresh
meat.fresh | 气调保鲜 | 气调包装 真空包装 预冷 冷链 保鲜 抑菌 冰温 | meat storage |
milk | 乳制品加工 | 奶酪 干酪 奶皮子 奶豆腐 酸奶 发酵乳 奶粉 黄油 乳清 奶茶 乳品 乳制品 民族乳制品 乳粉 驼乳粉 喷雾干燥 常温奶 液态奶 | food dairy |
milk.culture | 发酵剂菌种 | 乳酸菌 益生菌 发酵剂 菌种 干酪乳杆菌 双歧杆菌 直投式 | milk |
hide | 皮革 | 皮张 皮革 制革 牛皮 羊皮 | livestock |
# housing and waste
barn | 圈舍环境 | 圈舍 牛舍 羊舍 棚圈 暖棚 卷帘 通风 冬季保温 氨气 饮水加热 | livestock |
livestock.manure | 粪污资源化 | 粪污 粪便 牛粪 羊粪 粪污处理 臭味 堆肥 沼气 发酵床 固液分离 粪污资源化 还田 | livestock env | fert.organic
smart.ranch | 智慧牧场 | 电子耳标 耳标 项圈 定位 智能项圈 牧场管理系统 数字牧场 远程监控 无人机放牧 称重 走失 丢失 找牛 找羊 位置 电子围栏 散放 | livestock smart.agri |
# more animal health, nutrition and products
heat.stress | 热应激 | 热应激 夏天热 天太热 夏季高温 喘气 喷淋 风扇 降温 夏季产奶下降 | dairy barn |
cold.stress | 冷应激 | 冷应激 冻伤 冻死 太冷 零下 保暖 | barn livestock |
mycotoxin | 饲料霉菌毒素 | 霉菌毒素 黄曲霉 呕吐毒素 玉米赤霉烯酮 脱霉剂 饲料发霉 霉变饲料 | feed | silage
sheep.disease | 羊病 | 羊痘 口疮 传染性脓疱 羊快疫 肠毒血症 羔羊痢疾 三联四防 | sheep animal.disease | vaccine
beef.quality | 牛肉品质 | 雪花牛肉 雪花 大理石花纹 高档牛肉 肉质 | beef meat |
lamb.fatten | 羔羊育肥 | 羔羊育肥 舍饲育肥 短期育肥 当年羔 出栏体重 | sheep fattening |
wool | 细毛羊 | 细毛羊 羊毛 毛长 净毛率 剪毛 | sheep fibre |
camel.product | 驼产品 | 驼乳 驼奶粉 驼绒 驼肉 | camel food |
horse.product | 马产品 | 马奶酒 酸马奶 马肉 马奶 孕马尿 | horse food | milk.culture
dairy.equipment | 挤奶设备 | 挤奶机 挤奶厅 转盘 奶罐 制冷罐 挤奶消毒 药浴 | dairy mech |
ranch.record | 牧场管理 | 管理软件 生产记录 牛群管理 羊群管理 | livestock digital |
`;
