"""read_guide, element_state, basis_kind and judge_guide on hand-written 办事指南 markup and facts: pure, no browser."""

from __future__ import annotations

import pytest

from auditor.computed.guide_status import basis_kind, element_state, judge_guide
from auditor.extract.guide import GuideReading, LabelIndex, read_guide
from auditor.model.artifacts import CheckedLink, GuideFacts, GuideField, PageFacts
from auditor.settings import default_indicators

SETTINGS = default_indicators()
LABELS = LabelIndex(SETTINGS.value("guide_element_classes"))
URL = "http://www.qingxi.gov.cn/bszn/2021/art_101.html"
PAGE = """<html><head><title>个体工商户设立登记办事指南_青溪区人民政府</title></head><body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/bszn/">办事服务</a></li></ul></div>
{body}
<div class="footer">主办：青溪区人民政府办公室 联系电话：021-59990000 网站标识码：3101140038</div>
</body></html>"""


def guide(body: str) -> GuideReading:
    return read_guide(
        PAGE.format(body=body),
        URL,
        LABELS,
        form_extensions=SETTINGS.value("guide_form_extensions"),
        form_link_texts=SETTINGS.value("guide_form_link_texts"),
    )


def fields(reading: GuideReading) -> dict[str, tuple[str, str]]:
    return {f.label: (f.value, f.how) for f in reading.fields}


# ---------------------------------------------------------------- layouts


def test_two_column_table_rows():
    reading = guide(
        '<div class="bszn"><table>'
        "<tr><td>事项名称</td><td>个体工商户设立登记</td></tr>"
        "<tr><td>办理地点</td><td>青溪区政务服务中心一楼3号窗口</td></tr>"
        "<tr><td>收费标准</td><td>不收费</td></tr>"
        "</table></div>"
    )
    assert fields(reading) == {
        "事项名称": ("个体工商户设立登记", "table"),
        "办理地点": ("青溪区政务服务中心一楼3号窗口", "table"),
        "收费标准": ("不收费", "table"),
    }
    assert reading.title == "个体工商户设立登记办事指南_青溪区人民政府"
    assert reading.content_selector == "body > div:nth-of-type(2) > table"


def test_four_column_label_value_label_value_rows():
    reading = guide(
        '<div class="bszn"><table>'
        "<tr><th>办理时间</th><td>工作日上午9:00-12:00</td><th>联系电话</th><td>021-59990001</td></tr>"
        "<tr><th>办理机构</th><td>青溪区市场监督管理局</td><th>收费标准</th><td>免费</td></tr>"
        "</table></div>"
    )
    assert fields(reading) == {
        "办理时间": ("工作日上午9:00-12:00", "table"),
        "联系电话": ("021-59990001", "table"),
        "办理机构": ("青溪区市场监督管理局", "table"),
        "收费标准": ("免费", "table"),
    }


def test_label_cell_with_rowspan_takes_both_rows_values():
    reading = guide(
        '<div class="bszn"><table>'
        '<tr><td rowspan="2">办理地点</td><td>青溪区政务服务中心一楼3号窗口</td></tr>'
        "<tr><td>青溪镇社区事务受理服务中心</td></tr>"
        "<tr><td>联系电话</td><td>021-59990001</td></tr>"
        "</table></div>"
    )
    assert fields(reading) == {
        "办理地点": ("青溪区政务服务中心一楼3号窗口 青溪镇社区事务受理服务中心", "table"),
        "联系电话": ("021-59990001", "table"),
    }


def test_definition_list():
    reading = guide(
        '<div class="bszn"><dl><dt>申请条件</dt><dd>年满18周岁，具有完全民事行为能力</dd>'
        "<dt>办理机构</dt><dd>青溪区市场监督管理局</dd></dl></div>"
    )
    assert fields(reading) == {
        "申请条件": ("年满18周岁，具有完全民事行为能力", "dl"),
        "办理机构": ("青溪区市场监督管理局", "dl"),
    }


def test_definition_list_with_colons_inside_a_wrapper():
    reading = guide(
        '<div class="bszn"><dl><dt>申请条件：</dt><dd>年满18周岁，具有完全民事行为能力</dd>'
        "<dt>办理机构：</dt><dd>青溪区市场监督管理局</dd></dl></div>"
    )
    assert fields(reading) == {
        "申请条件": ("年满18周岁，具有完全民事行为能力", "dl"),
        "办理机构": ("青溪区市场监督管理局", "dl"),
    }


def test_heading_followed_by_paragraphs_up_to_the_next_label_heading():
    reading = guide(
        '<div class="bszn"><h4>一、申请材料</h4><p>1. 个体工商户登记申请书</p><p>2. 经营者身份证明</p>'
        "<h4>二、办理流程</h4><p>申请、受理、审查、决定</p></div>"
    )
    assert fields(reading) == {
        "申请材料": ("1. 个体工商户登记申请书 2. 经营者身份证明", "heading"),
        "办理流程": ("申请、受理、审查、决定", "heading"),
    }


def test_bold_label_inside_paragraph():
    reading = guide('<div class="bszn"><p><strong>办理地点：</strong>青溪区人民路100号政务服务中心</p></div>')
    assert fields(reading) == {"办理地点": ("青溪区人民路100号政务服务中心", "inline")}


def test_bracketed_label_line():
    reading = guide('<div class="bszn"><p>【办理时间】工作日上午九时至下午五时</p></div>')
    assert fields(reading) == {"办理时间": ("工作日上午九时至下午五时", "inline")}


def test_bracketed_label_line_with_clock_time_in_value():
    reading = guide('<div class="bszn"><p>【办理时间】工作日9:00-17:00</p></div>')
    assert fields(reading) == {"办理时间": ("工作日9:00-17:00", "inline")}


def test_section_title_with_toggle_word_reads_the_hidden_body():
    reading = guide(
        '<div class="bszn"><div class="item"><div class="tit">设定依据<span>展开</span></div>'
        '<div class="con" style="display:none">《中华人民共和国行政许可法》第十二条</div></div></div>'
    )
    assert fields(reading) == {"设定依据": ("《中华人民共和国行政许可法》第十二条", "heading")}


def test_bootstrap_nav_tabs_open_hidden_panes_by_href():
    reading = guide(
        '<div class="guide"><ul class="nav nav-tabs" role="tablist">'
        '<li class="active"><a href="#jbxx" data-toggle="tab">基本信息</a></li>'
        '<li><a href="#sqcl" data-toggle="tab">申请材料</a></li>'
        '<li><a href="#blcx" data-toggle="tab">办理流程</a></li></ul>'
        '<div class="tab-content"><div class="tab-pane active" id="jbxx">基本信息略</div>'
        '<div class="tab-pane" id="sqcl" style="display:none">1.个体工商户登记申请书 2.经营者身份证明</div>'
        '<div class="tab-pane" id="blcx" style="display:none">申请、受理、审查、决定</div></div></div>'
    )
    assert fields(reading) == {
        "申请材料": ("1.个体工商户登记申请书 2.经营者身份证明", "tab"),
        "办理流程": ("申请、受理、审查、决定", "tab"),
    }
    by_label = {f.label: f.selector for f in reading.fields}
    assert by_label["申请材料"] == "div#sqcl"


def test_bootstrap_nav_tabs_are_listed_as_tab_controls():
    reading = guide(
        '<div class="guide"><ul class="nav nav-tabs" role="tablist">'
        '<li><a href="#sqcl" data-toggle="tab" role="tab">申请材料</a></li>'
        '<li><a href="#blcx" data-toggle="tab" role="tab">办理流程</a></li>'
        '<li><a href="#sdyj" data-toggle="tab" role="tab">设定依据</a></li></ul>'
        '<div class="tab-content"><div class="tab-pane" id="sqcl"></div><div class="tab-pane" id="blcx"></div>'
        '<div class="tab-pane" id="sdyj"></div></div></div>'
    )
    assert [t.text for t in reading.tabs] == ["申请材料", "办理流程", "设定依据"]


def test_data_tab_opens_panel_with_matching_id_suffix():
    reading = guide(
        '<div class="bszn"><ul class="tab-title"><li data-tab="sdyj">设定依据</li><li data-tab="sqtj">申请条件</li>'
        '<li data-tab="blsj">办理时间</li></ul><div class="tab-body">'
        '<div id="panel-blsj" style="display:none">工作日9:00-17:00</div>'
        '<div id="panel-sdyj" style="display:none">《中华人民共和国行政许可法》</div>'
        '<div id="panel-sqtj" style="display:none">具有完全民事行为能力</div></div></div>'
    )
    assert fields(reading) == {
        "设定依据": ("《中华人民共和国行政许可法》", "tab"),
        "申请条件": ("具有完全民事行为能力", "tab"),
        "办理时间": ("工作日9:00-17:00", "tab"),
    }
    assert [t.text for t in reading.tabs] == ["设定依据", "申请条件", "办理时间"]


def test_tabs_matched_to_panels_by_position():
    reading = guide(
        '<div class="bszn"><ul class="tab-hd"><li>办理地点</li><li>办理时间</li><li>联系电话</li></ul>'
        '<div class="tab-bd"><div>青溪区政务服务中心</div><div style="display:none">法定工作日</div>'
        '<div style="display:none">021-59990001</div></div></div>'
    )
    assert fields(reading) == {
        "办理地点": ("青溪区政务服务中心", "tab"),
        "办理时间": ("法定工作日", "tab"),
        "联系电话": ("021-59990001", "tab"),
    }


def test_bootstrap_accordion_reads_collapsed_bodies():
    reading = guide(
        '<div class="panel-group" id="accordion">'
        '<div class="panel panel-default"><div class="panel-heading" role="tab"><h4 class="panel-title">'
        '<a data-toggle="collapse" href="#collapseOne">申请条件</a></h4></div>'
        '<div id="collapseOne" class="panel-collapse collapse"><div class="panel-body">申请人为本区户籍居民</div></div>'
        "</div>"
        '<div class="panel panel-default"><div class="panel-heading" role="tab"><h4 class="panel-title">'
        '<a data-toggle="collapse" href="#collapseTwo">办理机构</a></h4></div>'
        '<div id="collapseTwo" class="panel-collapse collapse"><div class="panel-body">青溪区民政局</div></div>'
        "</div></div>"
    )
    assert fields(reading) == {
        "申请条件": ("申请人为本区户籍居民", "tab"),
        "办理机构": ("青溪区民政局", "tab"),
    }
    assert {t.text for t in reading.tabs} == {"申请条件", "办理机构"}


def test_footer_and_nav_labels_are_not_read_and_time_limit_is_not_office_hours():
    reading = guide(
        '<div class="bszn"><table><tr><td>办理地点</td><td>青溪区政务服务中心</td></tr>'
        "<tr><td>办理时限</td><td>5个工作日</td></tr></table></div>"
        "<nav><p>咨询电话：12345</p></nav>"
    )
    assert fields(reading) == {"办理地点": ("青溪区政务服务中心", "table")}
    assert "联系电话：021-59990000" not in reading.text
    assert "12345" not in reading.text


# ---------------------------------------------------------------- forms and text


FORMS = (
    '<div class="bszn"><table><tr><td>申请材料</td><td>个体工商户登记申请书 '
    '<a href="/upload/2021/sqs.docx">点击下载</a></td></tr></table>'
    '<p><a href="/servlet/download.jsp?filename=sqb.doc">个体工商户开业登记申请表</a></p>'
    '<p><a href="/down?name=%E5%BC%80%E4%B8%9A%E7%94%B3%E8%AF%B7%E4%B9%A6.wps&amp;id=3">附件</a></p>'
    '<p><a href="/form/view?id=12">空白表格</a></p>'
    '<p><a href="/art/2021/3/1/art_1.html">相关新闻</a></p></div>'
)


def test_form_links_by_extension_query_and_text():
    reading = guide(FORMS)
    assert [(f.text, f.url, f.why) for f in reading.form_links] == [
        ("点击下载", "http://www.qingxi.gov.cn/upload/2021/sqs.docx", "form_file"),
        (
            "个体工商户开业登记申请表",
            "http://www.qingxi.gov.cn/servlet/download.jsp?filename=sqb.doc",
            "form_file",
        ),
        (
            "附件",
            "http://www.qingxi.gov.cn/down?name=%E5%BC%80%E4%B8%9A%E7%94%B3%E8%AF%B7%E4%B9%A6.wps&id=3",
            "form_file",
        ),
        ("空白表格", "http://www.qingxi.gov.cn/form/view?id=12", "form_text"),
    ]


def test_value_links_are_absolute():
    reading = guide(FORMS)
    (material,) = [f for f in reading.fields if f.label == "申请材料"]
    assert material.links == ("http://www.qingxi.gov.cn/upload/2021/sqs.docx",)


def test_channel_sentence_in_side_box_is_in_text():
    reading = guide(
        '<div class="main"><table><tr><td>办理材料</td><td>开业登记申请表</td></tr></table></div>'
        '<div class="side-box"><h3>温馨提示</h3><p>申请表可在政务服务中心窗口免费领取。</p></div>'
    )
    assert reading.text == "办理材料 开业登记申请表 温馨提示 申请表可在政务服务中心窗口免费领取。"


# ---------------------------------------------------------------- element_state


@pytest.mark.parametrize(
    ("element_class", "value", "links", "state"),
    [
        ("收费标准", "无", [], "present"),
        ("办理地点", "无", [], "placeholder"),
        ("办理地点", "无。", [], "placeholder"),
        ("设定依据", "详见相关规定", [], "placeholder"),
        ("办理流程", "详见办事流程图", ["http://www.qingxi.gov.cn/img/lct.jpg"], "refers"),
        ("办理流程", "详见办事流程图", [], "placeholder"),
        ("办理地点", "  ", [], "empty"),
        ("办理地点", "青溪区政务服务中心", [], "present"),
    ],
)
def test_element_state(element_class, value, links, state):
    item = GuideField(label=element_class, value=value, links=links)
    assert element_state(item, element_class, SETTINGS) == state


def test_element_state_absent():
    assert element_state(None, "办理地点", SETTINGS) == "absent"


# ---------------------------------------------------------------- basis_kind


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("《中华人民共和国行政许可法》第十二条：“下列事项可以设定行政许可：直接涉及国家安全”", "concrete"),
        ("《中华人民共和国行政许可法》第十二条", "article_number_only"),
        ("《中华人民共和国行政许可法》第十二条、第十四条；《个体工商户条例》第八条", "article_number_only"),
        ("《中华人民共和国行政许可法》《个体工商户条例》", "law_only"),
        ("依据个体工商户条例，", "law_only"),
        ("个体工商户条例", "law_only"),
        ("依据相关法律法规", "no_law"),
        ("依据相关法律法规，申请人须持合法证明办理", "no_law"),
        ("国务院令第412号", "unclear"),
    ],
)
def test_basis_kind(value, kind):
    assert basis_kind(value, SETTINGS) == kind


# ---------------------------------------------------------------- judge_guide


def facts(**changes) -> GuideFacts:
    values = {
        "url": URL,
        "page": PageFacts(url=URL, fetched_by="http", status=200, kind="content"),
        "fields": [
            GuideField(label="事项名称", value="个体工商户设立登记"),
            GuideField(label="办理地点", value="青溪区政务服务中心"),
            GuideField(label="申请材料", value="个体工商户开业登记申请表；经营者身份证明"),
        ],
    }
    values.update(changes)
    return GuideFacts(**values)


def form(**changes) -> CheckedLink:
    values = {
        "text": "开业登记申请表",
        "href": "/upload/sqb.doc",
        "url": "http://www.qingxi.gov.cn/upload/sqb.doc",
        "why": "form_file",
    }
    values.update(changes)
    return CheckedLink(**values)


def test_judge_fewer_than_three_classes_is_unreadable():
    judged = judge_guide(facts(fields=facts().fields[:2]), SETTINGS)
    assert judged.status == "unreadable"
    assert judged.reason == "仅识别出2类办事指南要素,页面版式未能识别,需人工核实"


def test_judge_offsite():
    judged = judge_guide(facts(offsite=True, page=None), SETTINGS)
    assert judged.status == "offsite"
    assert judged.elements == {}


def test_judge_failed_form_link_and_no_channel_is_none():
    broken = form(checked=True, status=404, target_kind="error")
    judged = judge_guide(facts(form_links=[broken]), SETTINGS)
    assert judged.status == "judged"
    assert judged.form_channel == "none"
    assert judged.names_form == "申请表"
    assert judged.failed_forms == (broken,)
    assert judged.working_forms == ()


def test_judge_working_form_link_is_download():
    working = form(checked=True, status=200, size=20480, target_kind="file")
    judged = judge_guide(facts(form_links=[working]), SETTINGS)
    assert judged.form_channel == "download"
    assert judged.working_forms == (working,)


def test_judge_channel_sentence_is_stated():
    judged = judge_guide(facts(content_text="温馨提示 申请表可在政务服务中心窗口免费领取。"), SETTINGS)
    assert judged.form_channel == "stated"
    assert judged.channel_text == "可在政务服务中心窗口免费领取"


def test_judge_no_form_named_is_not_applicable():
    fields_ = [*facts().fields[:2], GuideField(label="申请材料", value="经营者身份证明；经营场所证明")]
    judged = judge_guide(facts(fields=fields_), SETTINGS)
    assert judged.form_channel == "not_applicable"
    assert judged.names_form is None


def test_judge_unchecked_offsite_form_link_is_unverified():
    offsite = form(href="http://zwdt.sh.gov.cn/files/sqb.doc", url="http://zwdt.sh.gov.cn/files/sqb.doc")
    judged = judge_guide(facts(form_links=[offsite]), SETTINGS)
    assert judged.form_channel == "unverified"
    assert judged.unverified_forms == (offsite,)


def test_judge_missing_classes_and_basis():
    judged = judge_guide(facts(), SETTINGS)
    assert judged.missing == {
        "设定依据": "absent",
        "申请条件": "absent",
        "办理时间": "absent",
        "联系电话": "absent",
        "办理流程": "absent",
        "办理机构": "absent",
        "收费标准": "absent",
    }
    assert judged.basis_kind == "missing"
    assert judged.clean is False


def test_nested_accordion_title_is_one_control_so_its_panel_is_clicked_once():
    reading = guide(
        '<div class="guide"><div class="panel"><div class="panel-heading" data-toggle="collapse" data-target="#c1">'
        '<h4 class="panel-title"><a data-toggle="collapse" href="#c1">申请条件</a></h4></div>'
        '<div id="c1" class="panel-collapse collapse"></div></div>'
        '<div class="panel"><div class="panel-heading" data-toggle="collapse" data-target="#c2">'
        '<h4 class="panel-title"><a data-toggle="collapse" href="#c2">办理材料</a></h4></div>'
        '<div id="c2" class="panel-collapse collapse"></div></div></div>'
    )
    assert [t.text for t in reading.tabs] == ["申请条件", "办理材料"]
    assert all(t.selector.endswith("a") for t in reading.tabs)
