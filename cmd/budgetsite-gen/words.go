package main

import (
	"fmt"
	"strconv"
	"strings"
)

// The phrase lists below are the raw material of generated tables. They
// are written so that no combination can trip the build's privacy review:
// none contains a context word for personal names (遗属, 已故, 家属, 配偶,
// 补助对象, 之妻, 姓名 …), and none contains long digit runs.

const district = "重庆市某某区"

// bureau is one district department: its name after the district, the
// stem its subordinate units are named from, and the subjects its
// projects are about.
type bureau struct {
	name   string // full name
	stem   string // for unit names and text: "教育"
	kind   string // "", "edu", "health"
	topics []string
}

var bureaus = []bureau{
	{name: district + "人民政府办公室", stem: "政务", topics: []string{"政府网站群", "电子政务外网", "会务服务", "文件办理服务", "政务督查", "信息调研", "政务值班"}},
	{name: district + "发展和改革委员会", stem: "发展改革", topics: []string{"重大项目前期工作", "价格监测", "发展规划编制", "粮食储备", "以工代赈", "社会信用体系建设"}},
	{name: district + "教育委员会", stem: "教育", kind: "edu", topics: []string{"义务教育学校公用经费", "学前教育发展", "校舍维修改造", "教师培训", "学生资助", "校园安全"}},
	{name: district + "科学技术局", stem: "科技", topics: []string{"科技创新平台", "科技特派员", "高新技术企业培育", "科普宣传"}},
	{name: district + "经济和信息化委员会", stem: "经济信息", topics: []string{"中小企业发展", "工业园区配套", "节能监察", "电力保障", "工业经济运行监测"}},
	{name: district + "公安局", stem: "公安", topics: []string{"社会治安防控", "道路交通安全管理", "视频监控系统", "禁毒宣传", "户政管理"}},
	{name: district + "民政局", stem: "民政", topics: []string{"养老服务", "社区治理", "社会组织管理", "殡葬服务", "儿童福利", "城乡低保"}},
	{name: district + "司法局", stem: "司法", topics: []string{"法律援助", "人民调解", "普法宣传", "社区矫正", "公共法律服务"}},
	{name: district + "财政局", stem: "财政", topics: []string{"财政信息化", "预算绩效管理", "政府采购管理", "国有资产管理", "财政投资评审"}},
	{name: district + "人力资源和社会保障局", stem: "人力社保", topics: []string{"就业创业服务", "职业技能培训", "劳动保障监察", "社会保险经办", "人才引进"}},
	{name: district + "规划和自然资源局", stem: "规划自然资源", topics: []string{"国土空间规划", "不动产登记", "地质灾害防治", "耕地保护", "测绘地理信息"}},
	{name: district + "生态环境局", stem: "生态环境", topics: []string{"大气污染防治", "水环境监测", "土壤污染防治", "环境执法", "噪声监测"}},
	{name: district + "住房和城乡建设委员会", stem: "城乡建设", topics: []string{"老旧小区改造", "建筑市场监管", "城市基础设施", "保障性住房", "建设工程质量监督"}},
	{name: district + "城市管理局", stem: "城市管理", topics: []string{"城市绿化管护", "市政设施维护", "环卫作业", "路灯维护", "垃圾分类"}},
	{name: district + "交通局", stem: "交通", topics: []string{"农村公路养护", "公交运营", "客运站运行", "道路安全设施", "交通运输执法"}},
	{name: district + "水利局", stem: "水利", topics: []string{"河长制工作", "农村饮水安全", "水土保持", "小型水库管护", "防汛抗旱"}},
	{name: district + "农业农村委员会", stem: "农业农村", topics: []string{"高标准农田建设", "动物疫病防控", "农业技术推广", "农村人居环境整治", "农业保险", "农产品质量安全"}},
	{name: district + "商务委员会", stem: "商务", topics: []string{"招商引资", "电子商务发展", "外贸促进", "消费促进活动"}},
	{name: district + "文化和旅游发展委员会", stem: "文化旅游", topics: []string{"公共文化服务", "文物保护", "旅游宣传推广", "图书馆运行", "文化惠民演出"}},
	{name: district + "卫生健康委员会", stem: "卫生健康", kind: "health", topics: []string{"基本公共卫生服务", "家庭医生签约服务", "疾病预防控制", "妇幼健康", "卫生应急", "医疗机构监管"}},
	{name: district + "退役军人事务局", stem: "退役军人", topics: []string{"退役军人就业培训", "烈士纪念设施管护", "退役军人服务站建设", "双拥工作"}},
	{name: district + "应急管理局", stem: "应急管理", topics: []string{"安全生产监管", "应急物资储备", "森林防火", "应急救援队伍建设", "防灾减灾宣传"}},
	{name: district + "审计局", stem: "审计", topics: []string{"审计业务", "审计信息化", "政府投资审计"}},
	{name: district + "市场监督管理局", stem: "市场监管", topics: []string{"食品安全抽检", "特种设备检验", "计量检定", "知识产权保护", "药品安全监管"}},
	{name: district + "统计局", stem: "统计", topics: []string{"经济普查", "统计调查", "统计数据质量核查"}},
	{name: district + "医疗保障局", stem: "医疗保障", topics: []string{"医保基金监管", "医保信息系统", "医保经办服务"}},
	{name: district + "林业局", stem: "林业", topics: []string{"森林资源管护", "国土绿化", "林业有害生物防治", "天然林保护"}},
	{name: district + "体育局", stem: "体育", topics: []string{"全民健身", "体育赛事", "体育场馆运行"}},
	{name: district + "信访办公室", stem: "信访", topics: []string{"信访接待", "矛盾纠纷化解", "网上信访"}},
	{name: district + "机关事务管理局", stem: "机关事务", topics: []string{"公务用车管理", "办公用房维修", "公共机构节能", "机关食堂运行"}},
	{name: district + "大数据应用发展管理局", stem: "大数据", topics: []string{"政务云平台", "数据共享交换平台", "智慧城市建设"}},
	{name: district + "乡村振兴局", stem: "乡村振兴", topics: []string{"乡村振兴示范村", "帮扶产业发展", "乡村振兴衔接"}},
	{name: district + "档案馆", stem: "档案", topics: []string{"档案数字化", "档案库房管理", "档案征集"}},
	{name: "中共" + district + "委办公室", stem: "党委办公", topics: []string{"党委信息报送", "机要保密", "督查督办"}},
	{name: "中共" + district + "委宣传部", stem: "宣传", topics: []string{"新时代文明实践", "网络宣传", "精神文明创建"}},
	{name: "中共" + district + "委组织部", stem: "组织", topics: []string{"基层党建", "干部教育培训", "人才工作"}},
	{name: district + "人民代表大会常务委员会办公室", stem: "人大", topics: []string{"人大代表履职", "人大监督调研", "代表活动阵地"}},
	{name: "中国人民政治协商会议" + district + "委员会办公室", stem: "政协", topics: []string{"政协委员履职", "提案办理", "文史资料编撰"}},
	{name: district + "人民法院", stem: "法院", topics: []string{"审判执行", "诉讼服务中心", "人民法庭建设"}},
	{name: district + "人民检察院", stem: "检察", topics: []string{"检察业务", "公益诉讼", "未成年人检察"}},
	{name: district + "残疾人联合会", stem: "残疾人", topics: []string{"残疾人康复", "残疾人就业培训", "辅助器具适配"}},
	{name: "共青团" + district + "委员会", stem: "青年", topics: []string{"青少年活动", "青年志愿服务", "青年创业"}},
	{name: district + "妇女联合会", stem: "妇女", topics: []string{"妇女儿童维权", "家庭教育指导", "巾帼创业"}},
	{name: district + "总工会", stem: "工会", topics: []string{"职工帮扶", "劳模疗休养", "职工技能竞赛"}},
	{name: district + "科学技术协会", stem: "科协", topics: []string{"科普活动", "学会建设", "科技工作者服务"}},
}

// Place names for 镇/街道 departments and for schools and 卫生院.
var (
	placeFirst  = []rune("东西南北石永古三新安龙文赶打篆横扶隆郭中丁万高青白")
	placeSecond = []rune("溪角城峰盛山水桥坝兴塘口田河湾庙场林岭平")
)

var townTopics = []string{"场镇环境整治", "便民服务中心运行", "农村人居环境整治", "村级组织运转", "基层治理", "农村公路管护", "防汛抗旱", "地质灾害群测群防", "集镇市政设施维护"}

var schoolTopics = []string{"教学设备购置", "校舍维修", "学生营养改善计划", "教师培训", "校园安全", "图书资料购置"}

// genericTopics occur in every department.
var genericTopics = []string{"办公运转", "信息化建设", "会议保障", "档案管理", "宣传工作", "业务培训", "聘用人员", "法律顾问服务", "安全保卫", "物业管理", "公务用车运行"}

// Subjects that are whole project names on their own.
var wholeNames = []string{"限额内非在编人员", "运转性项目—独立运行", "运转性项目—人员经费", "党建工作经费", "工会经费", "离退休人员活动经费"}

var nameSuffixes = []string{"运维经费", "专项补助", "建设项目", "购买服务", "工作经费", "专项经费", "设备购置", "维修改造", "补助资金", "奖补资金", "保障经费", "宣传经费", "培训经费", "项目", "运行经费"}

// unitPatterns name a bureau's subordinate units: district + stem + pattern.
var unitPatterns = []string{"事务中心", "服务中心", "信息中心", "综合行政执法支队", "监测站", "技术推广站", "研究所", "培训中心", "管理所", "保障中心", "发展中心", "综合服务站", "指导站"}

var townUnitPatterns = []string{"农业服务中心", "社会事务综合服务中心", "便民服务中心", "综合行政执法大队", "文化服务中心", "退役军人服务站", "社会保障服务所", "公共事业服务中心", "规划建设管理环保办公室", "平安建设办公室", "经济发展办公室"}

var healthUnits = []string{"人民医院", "中医院", "疾病预防控制中心", "妇幼保健院", "精神卫生中心", "卫生健康综合行政执法支队", "急救中心"}

var schoolKinds = []string{"小学校", "中学校", "幼儿园"}

// --- text for 项目概况 and 项目当年绩效目标 ---

var basisPhrases = []string{
	"根据《" + district + "%s工作实施方案》要求，",
	"按照区委区政府工作部署，",
	"依据本单位职能职责，",
	"按照《中华人民共和国预算法》及相关规定，",
	"根据上级部门关于%s的工作要求，",
	"为贯彻落实市、区关于%s的决策部署，",
	"结合本年度重点工作安排，",
}

var contentPhrases = []string{
	"本项目主要用于%s相关工作，",
	"项目资金主要用于%s的日常开支，",
	"计划在年度内统筹推进%s，",
	"围绕%s开展各项业务工作，",
}

var activities = []string{
	"设备日常运行维护", "人员业务培训", "宣传动员", "监督检查", "数据采集与报送",
	"档案整理归档", "场地租赁", "应急物资储备", "技术服务采购", "第三方评估",
	"设施维修", "信息系统升级", "业务资料印制", "会议组织保障", "安全隐患排查",
	"政策宣传解读", "专业技术指导", "考核验收", "现场巡查", "服务质量评价",
}

var purposePhrases = []string{
	"保障%s工作顺利开展。",
	"进一步提升%s服务水平。",
	"切实提高财政资金使用效益。",
	"推动%s工作高质量发展。",
	"确保各项工作任务按期完成。",
	"满足群众对%s的服务需求。",
}

var extraPhrases = []string{
	"项目资金按照规定程序拨付，严格执行财务管理制度。",
	"项目实行专账核算、专款专用，接受财政和审计部门监督。",
	"实施过程中加强绩效运行监控，及时纠正执行偏差。",
	"项目由本单位具体组织实施，相关科室按职责分工协作。",
	"采购事项严格按照政府采购有关规定执行。",
	"年度终了将开展绩效自评，评价结果作为以后年度安排预算的重要依据。",
}

var goalResults = []string{
	"服务保障能力明显增强",
	"群众获得感进一步提升",
	"工作运行规范有序",
	"各项任务按时保质完成",
	"资金使用安全高效",
	"管理水平持续提高",
	"设施设备运行稳定",
}

// --- 三级指标 templates ---

type valueKind int

const (
	kCount   valueKind = iota // a number with a unit
	kPercent                  // a percentage
	kCost                     // 万元, never above the project's funds
	kQual                     // 定性: a word, no unit
)

// l3tmpl is one 三级指标: its text ({Y} is the table's year), how its value
// is made, the units and operators it takes.
type l3tmpl struct {
	text   string
	kind   valueKind
	units  []string
	ops    []string
	lo, hi int     // value range
	dec    bool    // values may have one decimal place
	share  float64 // kCost: 1 means the whole funds, 0 a random share
	words  []string
}

// Template lines: "text|unit[/unit…]|ops|lo|hi" for numbers (unit % is a
// percentage; a trailing .1 on hi asks for one decimal place),
// "text|万元[/…]|ops|share" for costs and "text|定性|word,word" for 定性.
var level3Specs = map[string][]string{
	"数量指标": {
		"开展业务培训|次|≥|2|40", "培训人次|人次|≥|30|3000", "服务人数|人|≥|50|8000",
		"维护设备数量|台|=|5|300", "运维系统数量|套|=|1|12", "覆盖镇街数量|个|=|5|30",
		"开展宣传活动|场次|≥|3|40", "发放宣传资料|份|≥|500|20000", "办理业务件数|件|≥|20|3000",
		"监督检查次数|次|≥|4|200", "巡查天数|天|≥|100|365", "建设项目数量|个|=|1|20",
		"道路维护里程|公里|≥|1|60.1", "改造面积|平方米|≥|200|50000", "购置设备数量|台/套|=|1|80",
		"服务企业数量|家|≥|10|500", "召开专题会议|次|≥|2|30", "保障职工人数|人|≥|5|200",
		"聘用人员数量|人|=|1|60", "受益群众人数|人|≥|100|50000", "完成调研报告|篇|≥|1|20",
		"信息报送数量|条|≥|20|600", "发放补贴户数|户|≥|10|3000", "开展应急演练|次|≥|1|12",
		"监测点位数量|个|=|3|80", "编印工作资料|册|≥|100|5000", "设施维修次数|次|≥|2|100",
	},
	"质量指标": {
		"验收合格率|%|=|100|100", "设备完好率|%|≥|90|100", "系统正常运行率|%|≥|95|99",
		"资料归档完整率|%|=|100|100", "数据准确率|%|≥|95|100", "培训合格率|%|≥|85|100",
		"工程质量合格率|%|=|100|100", "问题整改率|%|≥|90|100", "案件办结率|%|≥|90|100",
		"监测数据有效率|%|≥|90|99.1", "服务质量|定性|优良,较好,良好", "资金使用规范性|定性|规范,较好",
		"设施设备完好程度|定性|良好,较好",
	},
	"时效指标": {
		"{Y}年度任务完成率|%|≥|90|100", "按时完成率|%|≥|90|100", "资金支付及时率|%|≥|90|100",
		"问题处置时限|天|≤|1|30", "工作完成时限|月|≤|6|12", "故障响应时间|小时|≤|1|48",
		"当年任务完成率|%|=|100|100", "{Y}年内完成|%|=|100|100", "资料报送及时率|%|≥|95|100",
	},
	"成本指标": {
		"支出控制在预算内|万元|≤|1", "项目总成本|万元|≤|1", "运维成本|万元/年|≤|0",
		"设备购置成本|万元|≤|0", "公用经费|万元|≤|0", "人员经费|万元|=|0",
		"服务采购成本|万元|≤|0", "年度支出总额|万元|≤|1",
	},
	"效果指标": {
		"工作完成时效提升|天|≥|1|10", "服务覆盖率|%|≥|80|100", "工作效率|定性|提升,明显提升",
	},
	"经济效益指标": {
		"节约办公成本|%|≥|2|20", "带动相关产业增收|万元|≥|10|500", "降低运行成本|%|≥|1|15",
		"促进区域经济发展|定性|提升,较好", "节约财政资金|万元|≥|1|50",
	},
	"社会效益指标": {
		"群众办事便利度|定性|提升,明显提升", "政策知晓率|%|≥|80|98", "公共服务水平|定性|提升,持续改善",
		"社会治安状况|定性|持续改善,良好", "受益群众覆盖率|%|≥|80|100", "信息公开率|%|=|100|100",
		"安全事故发生率|%|≤|1|3", "社会认可度|定性|较好,提升", "群众投诉办结率|%|≥|90|100",
	},
	"生态效益指标": {
		"生态环境质量|定性|持续改善,提升", "垃圾无害化处理率|%|≥|90|100", "森林覆盖率|%|≥|40|60.1",
		"水质达标率|%|≥|85|100", "空气质量优良天数|天|≥|300|340",
	},
	"可持续影响指标": {
		"长效管理机制|定性|健全,持续改善", "设施持续发挥作用年限|年|≥|3|10", "持续保障正常运转|定性|较好,良好",
		"工作机制运行|定性|持续改善,有效", "保障正常运转率|%|≥|90|100", "服务能力持续提升|定性|提升,持续改善",
	},
	"服务对象满意度指标": {
		"服务对象满意度|%|≥|85|98", "群众满意度|%|≥|85|98", "职工满意度|%|≥|90|98",
		"受益群众满意度|%|≥|85|98", "企业满意度|%|≥|85|95",
	},
}

var level3Tmpls = map[string][]l3tmpl{}

func init() {
	for l2, specs := range level3Specs {
		for _, s := range specs {
			level3Tmpls[l2] = append(level3Tmpls[l2], parseSpec(s))
		}
	}
}

func parseSpec(s string) l3tmpl {
	f := strings.Split(s, "|")
	t := l3tmpl{text: f[0]}
	bad := func() { panic(fmt.Sprintf("budgetsite-gen: bad template %q", s)) }
	if len(f) < 3 {
		bad()
	}
	if f[1] == "定性" {
		t.kind, t.ops, t.words = kQual, []string{"定性"}, strings.Split(f[2], ",")
		return t
	}
	t.units, t.ops = strings.Split(f[1], "/"), strings.Split(f[2], ",")
	if strings.HasPrefix(f[1], "万元") {
		t.units = []string{f[1]} // 万元/年 is one unit
	}
	if strings.HasPrefix(f[1], "万元") && len(f) == 4 {
		t.kind = kCost
		share, err := strconv.ParseFloat(f[3], 64)
		if err != nil {
			bad()
		}
		t.share = share
		return t
	}
	if len(f) != 5 {
		bad()
	}
	var err1, err2 error
	t.lo, err1 = strconv.Atoi(f[3])
	hi := f[4]
	if strings.HasSuffix(hi, ".1") {
		hi, t.dec = strings.TrimSuffix(hi, ".1"), true
	}
	t.hi, err2 = strconv.Atoi(hi)
	if err1 != nil || err2 != nil || t.lo > t.hi || t.lo < 0 {
		bad()
	}
	t.kind = kCount
	if f[1] == "%" {
		t.kind = kPercent
	}
	return t
}
