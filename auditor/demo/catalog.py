"""The documents behind 政策文件, 政策解读 and 办事指南, written by hand: each one is built for one known result.

Rows are addressed by their index in the column's list (0 = newest), so the row dates of rows.py never move:
rows.py only puts these titles (and 文号) on rows it has already dated. tests/demo_expected.py states, again by
hand, what an auditor should find on each of these pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from auditor.demo import content as c

GOV = "青溪区人民政府"
GOV_OFFICE = "青溪区人民政府办公室"
NUMBER_PREFIX = {GOV: "青府发", GOV_OFFICE: "青府办发"}

# "articles": 第一条… (办法); "measures": 一、二、… (若干措施); "plan": 总体要求/主要任务/保障措施 (方案);
# "wrapper": a 印发 notice carrying a plan; "notice": a notice with 一、二、… items.
PolicyKind = Literal["articles", "measures", "plan", "wrapper", "notice"]


@dataclass(frozen=True, slots=True)
class Policy:
    key: str
    index: int | None  # row index in 政策文件 (0 = newest); None: the policy is not on the site
    title: str
    issuer: str
    number: int  # 文号 sequence: 青府发〔成文年份〕N号
    kind: PolicyKind
    topic: str  # 主题分类
    dept: str  # the drafting department
    purpose: str
    basis: str  # the laws it rests on, in 《》
    scope: str
    measures: tuple[str, ...]
    doc: str = ""  # a wrapper's inner document title; "" = the title itself

    @property
    def document(self) -> str:
        return self.doc or self.title


def book(title: str) -> str:
    """A title in 《》, with 《》 inside it turned into 〈〉 as Chinese typesetting nests them."""
    return "《" + title.replace("《", "〈").replace("》", "〉") + "》"


POLICIES: tuple[Policy, ...] = (
    # Newest three 政策文件 rows: ordinary documents without an interpretation.
    Policy(
        "yshj",
        0,
        "青溪区人民政府关于印发《青溪区优化营商环境行动方案》的通知",
        GOV,
        3,
        "wrapper",
        "综合政务",
        "区发展改革委",
        "持续优化营商环境，激发市场主体活力",
        "《优化营商环境条例》《上海市优化营商环境条例》",
        "本区行政区域内的各类市场主体",
        (
            "深化“一网通办”改革，企业开办全程网办，办理时间压缩至1个工作日以内。",
            "建立重点企业“服务包”制度，区领导联系服务重点企业不少于100家。",
            "完善涉企政策集中发布和精准推送机制，推动惠企政策“免申即享”。",
        ),
        doc="青溪区优化营商环境行动方案",
    ),
    Policy(
        "rqaq",
        1,
        "青溪区人民政府办公室关于做好冬春季节燃气安全工作的通知",
        GOV_OFFICE,
        41,
        "notice",
        "安全生产",
        "区建设管理委",
        "切实做好冬春季节燃气安全工作，保障人民群众生命财产安全",
        "《城镇燃气管理条例》《上海市燃气管理条例》",
        "本区燃气经营企业和餐饮等用气场所",
        (
            "各镇、街道要组织开展燃气安全隐患排查整治，重点检查餐饮场所、老旧小区和农村自建房。",
            "燃气经营企业要落实入户安全检查制度，发现隐患及时告知用户并督促整改。",
            "区建设管理委要会同区市场监管局、区消防救援支队加强联合执法，依法查处违法违规行为。",
        ),
    ),
    Policy(
        "ylss",
        2,
        "青溪区人民政府办公室关于印发《青溪区养老服务设施建设管理办法》的通知",
        GOV_OFFICE,
        37,
        "wrapper",
        "民政",
        "区民政局",
        "加强养老服务设施规划建设和管理，满足老年人养老服务需求",
        "《中华人民共和国老年人权益保障法》《上海市养老服务条例》",
        "本区行政区域内养老服务设施的规划、建设和管理",
        (
            "新建居住区按照每千人不少于40平方米的标准配建社区养老服务设施。",
            "已建成居住区无养老服务设施或者现有设施未达到标准的，通过购置、置换、租赁等方式补足。",
            "区民政局建立养老服务设施台账，每年向社会公布设施名录。",
        ),
        doc="青溪区养老服务设施建设管理办法",
    ),
    # The policies the 政策解读 pages interpret.
    Policy(
        "jycy",
        5,
        "青溪区促进就业创业若干措施",
        GOV_OFFICE,
        24,
        "measures",
        "劳动就业",
        "区人力资源社会保障局",
        "进一步稳定和扩大就业，激发全社会创业活力",
        "《中华人民共和国就业促进法》《上海市就业促进条例》",
        "在本区登记注册的用人单位和在本区就业创业的各类人员",
        (
            "对吸纳本区登记失业人员就业的用人单位，按每人每月500元给予吸纳就业补贴，补贴期限最长12个月。",
            "对首次创业且正常经营满1年的创业组织，给予最高2万元的一次性创业补贴。",
            "区人力资源社会保障局会同区财政局建立补贴资金审核拨付机制，确保资金及时足额发放。",
        ),
    ),
    Policy(
        "gwbh",
        6,
        "青溪区高温天气劳动保护管理办法",
        GOV,
        4,
        "articles",
        "劳动就业",
        "区人力资源社会保障局",
        "加强高温天气期间劳动者劳动保护，维护劳动者身体健康和合法权益",
        "《中华人民共和国劳动法》《中华人民共和国职业病防治法》",
        "本区行政区域内的用人单位及其劳动者",
        (
            "日最高气温达到35℃以上的，用人单位应当采取换班轮休等方式，缩短劳动者连续作业时间。",
            "用人单位在每年6月至9月安排劳动者露天作业的，应当按月发放高温津贴。",
            "区人力资源社会保障局应当加强对用人单位执行本办法情况的监督检查。",
        ),
    ),
    Policy(
        "aqsc",
        7,
        "青溪区安全生产责任制实施办法",
        GOV_OFFICE,
        33,
        "articles",
        "安全生产",
        "区应急管理局",
        "落实安全生产责任，防范和遏制生产安全事故",
        "《中华人民共和国安全生产法》《上海市安全生产条例》",
        "本区各镇人民政府、街道办事处，区政府各部门以及本区行政区域内的生产经营单位",
        (
            "各镇人民政府、街道办事处主要负责人是本辖区安全生产第一责任人，对本辖区安全生产工作全面负责。",
            "生产经营单位应当建立全员安全生产责任制，明确各岗位的责任人员、责任范围和考核标准。",
            "区安全生产委员会每年对各镇、街道和区有关部门落实安全生产责任制情况进行考核。",
        ),
    ),
    Policy(
        "rjhj",
        8,
        "青溪区农村人居环境整治提升三年行动方案",
        GOV,
        22,
        "plan",
        "农业农村",
        "区农业农村委",
        "持续改善农村人居环境，建设宜居宜业和美乡村",
        "《中华人民共和国乡村振兴促进法》",
        "本区6个镇所辖行政村",
        (
            "到行动期末，农村生活垃圾分类达标村比例保持100%，农村生活污水处理率达到90%以上。",
            "推进农村公共厕所提档升级，每个行政村至少建成1座三类以上公共厕所。",
            "深入开展村庄清洁行动，每年组织集中整治不少于4次。",
        ),
    ),
    Policy(
        "stdc",
        9,
        "青溪区生态环境保护督察工作实施办法",
        GOV,
        35,
        "articles",
        "生态环境",
        "区生态环境局",
        "压实生态环境保护责任，推动解决突出生态环境问题",
        "《中华人民共和国环境保护法》《中央生态环境保护督察工作规定》",
        "区委、区政府对各镇人民政府、街道办事处和区有关部门开展的生态环境保护督察",
        (
            "区生态环境保护督察每届任期内开展一轮例行督察，并根据需要开展专项督察。",
            "督察采取听取汇报、调阅资料、个别谈话、走访问询、现场抽查等方式进行。",
            "被督察单位应当在收到督察报告后30个工作日内报送整改方案。",
        ),
    ),
    Policy(
        "spzs",
        10,
        "青溪区食品安全信息追溯管理办法",
        GOV_OFFICE,
        18,
        "articles",
        "市场监管",
        "区市场监管局",
        "加强食品安全信息追溯管理，保障公众饮食安全",
        "《中华人民共和国食品安全法》《上海市食品安全条例》",
        "本区行政区域内食品、食用农产品生产经营者的信息追溯活动",
        (
            "列入追溯目录的食品生产经营者，应当通过市食品安全信息追溯平台上传追溯信息。",
            "追溯信息应当真实、准确、完整，保存期限不少于产品保质期满后6个月。",
            "区市场监管局对未按规定上传追溯信息的生产经营者，责令限期改正。",
        ),
    ),
    Policy(
        "szzx",
        4,
        "青溪区人民政府关于印发《青溪区城市数字化转型实施方案》的通知",
        GOV,
        33,
        "wrapper",
        "科技信息",
        "区发展改革委",
        "全面推进城市数字化转型，提升城市治理现代化水平",
        "《上海市城市数字化转型促进条例》",
        "本区经济、生活、治理各领域",
        (
            "建设区级城市运行“一网统管”平台，实现重点领域运行数据实时汇聚。",
            "深化政务服务“一网通办”，到行动期末高频事项全部实现全程网办。",
            "打造不少于10个数字化转型应用场景，形成一批可复制推广的经验。",
        ),
        doc="青溪区城市数字化转型实施方案",
    ),
    Policy(
        "tyss",
        3,
        "青溪区公共体育设施开放管理办法",
        GOV_OFFICE,
        29,
        "articles",
        "文化体育",
        "区文化旅游局",
        "规范公共体育设施开放管理，满足群众全民健身需求",
        "《中华人民共和国体育法》《公共文化体育设施条例》",
        "本区行政区域内由政府投资或者筹集社会资金兴建的公共体育设施",
        (
            "公共体育设施应当向公众开放，每周累计开放时间不少于35小时。",
            "学校体育设施在课余时间和节假日有序向社会开放。",
            "公共体育设施管理单位应当公示开放时间、服务项目和收费标准。",
        ),
    ),
    # Named by interpretations, but not (or no longer) on the site.
    Policy(
        "hzz",
        None,
        "青溪区河长制工作实施办法",
        GOV,
        9,
        "articles",
        "水务",
        "区水务局",
        "全面落实河长制，加强河湖管理保护",
        "《中华人民共和国水法》《上海市河道管理条例》",
        "本区行政区域内的河湖",
        (
            "区、镇（街道）、村（居）分级设立河长，河长名单向社会公布。",
            "河长每月巡河不少于一次，发现问题及时交办并跟踪督办。",
        ),
    ),
    Policy(
        "ljfl",
        None,
        "青溪区生活垃圾分类管理实施办法",
        GOV,
        12,
        "articles",
        "城乡建设",
        "区绿化市容局",
        "推进生活垃圾分类，改善人居环境",
        "《上海市生活垃圾管理条例》",
        "本区行政区域内生活垃圾的分类投放、收集、运输和处置",
        (
            "生活垃圾按照可回收物、有害垃圾、湿垃圾、干垃圾分类投放。",
            "居住区管理责任人应当设置分类收集容器，并做好日常管理。",
        ),
    ),
)
POLICIES_BY_KEY: dict[str, Policy] = {p.key: p for p in POLICIES}
POLICY_AT: dict[int, Policy] = {p.index: p for p in POLICIES if p.index is not None}

# How an interpretation points at its policy (see interpretation pages in policy.py):
# "yw" 原文 → policy (root-relative); "yw_rel" 政策原文：《…》 → policy (relative ../zcwj/N.html);
# "yw_abs" 原文 → policy (absolute same-host URL); "title" 《title》 → policy; "hash" 原文 href="#";
# "dead" 原文 → /portal/art/zcwj/999.html (404); "list" 相关文件 → the 政策文件 list; "none" no link at all;
# "caption" 一图读懂: 政策原文：《…》 in the caption under the pictures.
LinkStyle = Literal["yw", "yw_rel", "yw_abs", "title", "hash", "dead", "list", "none", "caption"]
DEAD_POLICY_PATH = "/portal/art/zcwj/999.html"


@dataclass(frozen=True, slots=True)
class Interpretation:
    index: int  # row index in 政策解读 (0 = newest)
    case: str
    policy: str  # key in POLICIES_BY_KEY
    title: str
    link: LinkStyle
    links_back: bool  # whether the policy page's 相关解读 box links to this interpretation


INTERPRETATIONS: tuple[Interpretation, ...] = (
    Interpretation(0, "a", "jycy", "《青溪区促进就业创业若干措施》政策解读", "yw", links_back=True),
    Interpretation(1, "b", "gwbh", "关于《青溪区高温天气劳动保护管理办法》的解读", "title", links_back=False),
    Interpretation(2, "c", "aqsc", "《青溪区安全生产责任制实施办法》政策解读", "hash", links_back=True),
    Interpretation(3, "g", "rjhj", "一图读懂《青溪区农村人居环境整治提升三年行动方案》", "caption", links_back=True),
    Interpretation(4, "f", "stdc", "关于《青溪区生态环境保护督察工作实施办法》的解读", "none", links_back=True),
    Interpretation(5, "h", "spzs", "《青溪区食品安全信息追溯管理办法》政策解读", "yw_rel", links_back=True),
    Interpretation(
        6,
        "i",
        "szzx",
        "关于《青溪区人民政府关于印发〈青溪区城市数字化转型实施方案〉的通知》的解读",
        "yw",
        links_back=True,
    ),
    Interpretation(7, "j", "tyss", "《青溪区公共体育设施开放管理办法》政策解读", "yw_abs", links_back=True),
    Interpretation(8, "d", "hzz", "《青溪区河长制工作实施办法》解读", "dead", links_back=False),
    Interpretation(9, "e", "ljfl", "关于《青溪区生活垃圾分类管理实施办法》的解读", "list", links_back=False),
)
INTERPRETATION_AT: dict[int, Interpretation] = {i.index: i for i in INTERPRETATIONS}
# The 一图读懂 pictures of case g (assets.py draws them).
INFOGRAPHICS: tuple[str, ...] = ("ytdd-1", "ytdd-2")


# ---- 办事指南 -------------------------------------------------------------------------------------------

# "table" two-column table; "tabs" panels filled by script on click; "dl" dl/dt/dd; "headings" h4 + p;
# "rowspan" a three-column table whose label cells span rows.
GuideLayout = Literal["table", "tabs", "dl", "headings", "rowspan"]
Field = tuple[str, str | tuple[str, ...]]  # (label, value HTML or several value lines)

HALL = "青溪区行政服务中心（青溪大道88号）"
HOURS = "工作日（周一至周五）上午9:00-12:00，下午13:30-17:00（法定节假日除外）"


@dataclass(frozen=True, slots=True)
class Guide:
    number: int  # the design case, 1-8
    index: int  # row index in 办事指南 (0 = newest)
    name: str  # 事项名称
    dept: str
    layout: GuideLayout
    fields: tuple[Field, ...]
    charset: str = "utf-8"
    tabs: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # layout "tabs": (id, tab text, labels in it)


def _dl(path: str, text: str) -> str:
    return f'<a href="{path}" target="_blank">{text}</a>'


GUIDES: tuple[Guide, ...] = (
    Guide(
        1,
        0,
        "公共场所卫生许可（新办）",
        "青溪区卫生健康委员会",
        "table",
        (
            ("事项名称", "公共场所卫生许可（新办）"),
            ("事项类型", "行政许可"),
            ("实施机关", "青溪区卫生健康委员会"),
            (
                "设定依据",
                (
                    "《中华人民共和国行政许可法》第十二条：“下列事项可以设定行政许可：（一）直接涉及国家安全、公共安全、"
                    "经济宏观调控、生态环境保护以及直接关系人身健康、生命财产安全等特定活动，需要按照法定条件予以批准的事项；……”"
                ),
            ),
            (
                "申请条件",
                (
                    "1. 已取得营业执照或者已办理名称预先核准；",
                    "2. 经营场所的选址、设计和卫生设施符合卫生标准和要求；",
                    "3. 从业人员已取得有效健康合格证明。",
                ),
            ),
            (
                "申请材料",
                (
                    "1. "
                    + _dl("/portal/files/ggcs-wsxk-sqb.docx", "《公共场所卫生许可申请表》")
                    + "（原件1份，点击下载）；",
                    "2. 营业执照复印件1份；",
                    "3. 公共场所卫生检测或者评价报告；",
                    "4. 从业人员健康合格证明。",
                ),
            ),
            ("办理流程", "申请 → 受理 → 审查（含现场审核） → 决定 → 制证送达"),
            ("办理地点", HALL + "一楼卫生健康综合窗口"),
            ("办理时间", HOURS),
            ("法定办结时限", "20个工作日"),
            ("承诺办结时限", "5个工作日"),
            ("收费标准", "不收费"),
            ("联系电话", "021-59991201"),
        ),
    ),
    Guide(
        2,
        1,
        "城镇污水排入排水管网许可",
        "青溪区水务局",
        "tabs",
        (
            ("事项名称", "城镇污水排入排水管网许可"),
            ("实施机关", "青溪区水务局"),
            (
                "设定依据",
                (
                    "《城镇排水与污水处理条例》第二十一条：“从事工业、建筑、餐饮、医疗等活动的企业事业单位、个体工商户"
                    "（以下称排水户）向城镇排水设施排放污水的，应当向城镇排水主管部门申请领取污水排入排水管网许可证。”"
                ),
            ),
            ("收费标准", "不收费"),
            (
                "申请条件",
                (
                    "1. 排放口的设置符合城镇排水与污水处理规划的要求；",
                    "2. 按照国家有关规定建设相应的预处理设施和水质、水量检测设施；",
                    "3. 排放的污水符合国家或者地方规定的有关排放标准。",
                ),
            ),
            (
                "申请材料",
                (
                    "1. " + _dl("/portal/files/psxk-sqb.xlsx", "城镇污水排入排水管网许可申请表.xlsx") + "（原件1份）；",
                    "2. 排水户内部排水管网、专用检测井、污水排放口位置和口径的图纸及说明；",
                    "3. 排水水质、水量检测报告。",
                ),
            ),
            ("办理流程", ("1. 申请人提交申请材料；", "2. 窗口受理；", "3. 现场核查；", "4. 审查决定；", "5. 发证。")),
            ("办理地点", HALL + "二楼水务窗口"),
            ("办理时间", HOURS),
            ("咨询电话", "021-59991302"),
        ),
        tabs=(
            ("jbxx", "基本信息", ("事项名称", "实施机关", "设定依据", "收费标准")),
            ("sqtj", "申请条件", ("申请条件",)),
            ("sqcl", "申请材料", ("申请材料",)),
            ("blcx", "办理流程", ("办理流程",)),
            ("bldd", "办理地点和时间", ("办理地点", "办理时间", "咨询电话")),
        ),
    ),
    Guide(
        3,
        2,
        "临时占用公共绿地审批",
        "青溪区绿化和市容管理局",
        "dl",
        (
            ("事项名称", "临时占用公共绿地审批"),
            ("实施机关", "青溪区绿化和市容管理局"),
            ("设定依据", "依据相关法律法规"),
            ("申请条件", "因建设或者其他特殊需要临时占用公共绿地，占用期限不超过一年，并承诺期满恢复原状。"),
            (
                "申请材料",
                (
                    "1. "
                    + _dl("/portal/files/lszyld-sqb.pdf", "临时占用公共绿地申请表")
                    + "（PDF格式，下载后打印填写）；",
                    "2. 占用绿地位置图及面积说明；",
                    "3. 绿地恢复方案。",
                ),
            ),
            ("办理流程", "申请 → 受理 → 现场踏勘 → 审核 → 决定"),
            ("办理地点", "暂无"),
            ("办理时间", HOURS),
            ("收费标准", "不收费"),
            ("联系电话", "—"),
        ),
    ),
    Guide(
        4,
        4,
        "城市道路临时占用审批",
        "青溪区建设和管理委员会",
        "headings",
        (
            ("事项名称", "城市道路临时占用审批"),
            ("办理机构", "青溪区建设和管理委员会"),
            ("设定依据", "《上海市城市道路管理条例》第八条"),
            ("申请条件", "因工程建设需要临时占用城市道路，且已制定交通组织方案和安全防护措施。"),
            (
                "办理材料",
                "1. "
                + _dl("/portal/files/dlzy-sqb.doc", "城市道路临时占用申请表（下载）")
                + "；2. 占用道路平面示意图；3. 施工安全防护方案。",
            ),
            ("办理流程", "申请人提交材料，窗口受理后5个工作日内完成审核，作出准予或者不予许可的决定。"),
            ("办理地点", HALL + "二楼建设管理窗口"),
            ("办理时间", HOURS),
            ("收费标准", "不收费"),
            ("咨询电话", "021-59991405"),
        ),
    ),
    Guide(
        5,
        5,
        "食品经营许可（新办）",
        "青溪区市场监督管理局",
        "rowspan",
        (
            ("事项名称", "食品经营许可（新办）"),
            ("实施机关", "青溪区市场监督管理局"),
            ("设定依据", "《中华人民共和国食品安全法》《中华人民共和国食品安全法实施条例》"),
            ("收费标准", "不收费"),
            (
                "申请条件",
                (
                    "1. 具有与经营的食品品种、数量相适应的经营场所；",
                    "2. 具有与经营的食品品种、数量相适应的经营设备或者设施；",
                    "3. 有专职或者兼职的食品安全管理人员和保证食品安全的规章制度。",
                ),
            ),
            (
                "申请材料",
                (
                    "1. " + _dl("/portal/files/spjyxk-sqs.docx", "食品经营许可申请表") + "；",
                    "2. 营业执照复印件；",
                    "3. 与食品经营相适应的主要设备设施布局、操作流程等文件。",
                ),
            ),
            ("办理流程", ("1. 申请", "2. 受理", "3. 审查", "4. 决定", "5. 发证")),
            ("办理地点", HALL + "一楼市场监管窗口"),
            ("办理时间", HOURS),
            ("联系电话", "021-59991506"),
        ),
        charset="gbk",
    ),
    Guide(
        6,
        6,
        "民办非企业单位成立登记",
        "青溪区民政局",
        "table",
        (
            ("事项名称", "民办非企业单位成立登记"),
            ("实施机关", "青溪区民政局"),
            (
                "设定依据",
                (
                    "《民办非企业单位登记管理暂行条例》第三条：“成立民办非企业单位，应当经其业务主管单位审查同意，"
                    "并依照本条例的规定登记。”"
                ),
            ),
            (
                "申请条件",
                (
                    "1. 经业务主管单位审查同意；",
                    "2. 有规范的名称和必要的组织机构；",
                    "3. 有与其业务活动相适应的从业人员和合法财产。",
                ),
            ),
            (
                "申请材料",
                (
                    "1. 民办非企业单位成立登记申请表（" + _dl("/portal/files/missing.doc", "申请表下载") + "）；",
                    "2. 业务主管单位的批准文件；",
                    "3. 场所使用权证明；",
                    "4. 验资报告。",
                ),
            ),
            ("办理流程", "申请 → 受理 → 审查 → 核准登记 → 发放登记证书"),
            ("办理地点", HALL + "三楼社会组织服务区"),
            ("办理时间", HOURS),
            ("收费标准", "不收费"),
            ("联系电话", "021-59991607"),
        ),
    ),
    Guide(
        7,
        7,
        "最低生活保障审核确认",
        "青溪区民政局",
        "table",
        (
            ("事项名称", "最低生活保障审核确认"),
            ("实施机关", "青溪区民政局"),
            (
                "设定依据",
                (
                    "《上海市社会救助条例》第十五条：“申请最低生活保障，由共同生活的家庭成员向户籍所在地街道办事处"
                    "或者乡（镇）人民政府提出书面申请。”"
                ),
            ),
            ("申请条件", "共同生活的家庭成员人均月收入低于本市城乡居民最低生活保障标准，且家庭财产状况符合规定。"),
            (
                "申请材料",
                (
                    "1. 最低生活保障申请表（申请表可在区行政服务中心3号窗口领取）；",
                    "2. 家庭成员身份证、户口簿；",
                    "3. 家庭经济状况核对授权书。",
                ),
            ),
            ("办理流程", "申请 → 受理 → 经济状况核对 → 入户调查 → 公示 → 审核确认"),
            ("办理地点", HALL + "一楼社会救助窗口"),
            ("办理时间", HOURS),
            ("收费标准", "不收费"),
            ("联系电话", "021-59991708"),
        ),
    ),
    Guide(
        8,
        8,
        "城市建筑垃圾处置核准",
        "青溪区绿化和市容管理局",
        "table",
        (
            ("事项名称", "城市建筑垃圾处置核准"),
            ("实施机关", "青溪区绿化和市容管理局"),
            (
                "设定依据",
                (
                    "《上海市市容环境卫生管理条例》第三十六条：“产生建筑垃圾、工程渣土的单位，应当在工程开工前向区市容环境卫生"
                    "管理部门申请办理建筑垃圾、工程渣土处置手续。”"
                ),
            ),
            ("申请条件", ""),
            (
                "申请材料",
                (
                    "1. " + _dl("/portal/files/jzlj-hzsqb.docx", "《城市建筑垃圾处置核准申请表》下载") + "；",
                    "2. 建筑垃圾处置计划；",
                    "3. 与具备资质的运输单位签订的运输合同。",
                ),
            ),
            ("办理地点", HALL + "二楼绿化市容窗口"),
            ("办理时间", HOURS),
            ("收费标准", "不收费"),
            ("联系电话", "021-59991809"),
        ),
    ),
)
GUIDE_AT: dict[int, Guide] = {g.index: g for g in GUIDES}
GUIDES_BY_NUMBER: dict[int, Guide] = {g.number: g for g in GUIDES}
# One row of the 办事指南 list is a guide on the provincial 政务服务网: listed here, served there.
OFFSITE_GUIDE_INDEX = 3
OFFSITE_GUIDE_TITLE = "个体工商户登记（设立）"
OFFSITE_GUIDE_URL = c.ZWFW_URL + "guide/310114-001.html"
BSZN_ROWS = len(GUIDES) + 1

# The forms behind the download links: name -> (form title, the blanks it asks to fill in).
FORMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "ggcs-wsxk-sqb.docx": (
        "公共场所卫生许可申请表",
        ("单位名称", "统一社会信用代码", "经营地址", "经营项目", "法定代表人", "联系电话"),
    ),
    "psxk-sqb.xlsx": (
        "城镇污水排入排水管网许可申请表",
        ("排水户名称", "排水户地址", "排水类别", "日排水量（吨）", "联系人", "联系电话"),
    ),
    "lszyld-sqb.pdf": (
        "临时占用公共绿地申请表",
        ("申请单位", "占用地点", "占用面积（平方米）", "占用期限", "占用事由", "联系电话"),
    ),
    "dlzy-sqb.doc": (
        "城市道路临时占用申请表",
        ("申请单位", "占用路段", "占用面积（平方米）", "占用期限", "占用用途", "联系电话"),
    ),
    "spjyxk-sqs.docx": (
        "食品经营许可申请表",
        ("经营者名称", "统一社会信用代码", "经营场所", "主体业态", "经营项目", "联系电话"),
    ),
    "jzlj-hzsqb.docx": (
        "城市建筑垃圾处置核准申请表",
        ("建设单位", "工程名称", "工程地址", "建筑垃圾数量（吨）", "运输单位", "联系电话"),
    ),
}
