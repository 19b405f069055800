// lib/schedule/due_html: the call list as a page: grouped by owner, most overdue first,
// every text escaped, nothing loaded from elsewhere, and a page even when nothing is due.

#include <doctest/doctest.h>

#include "due_sample.h"
#include "schedule/due_html.h"

using namespace revisit;
using namespace revisit::test;

namespace {

const Date kToday = Date::from_ymd(2026, 11, 25);

size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("due html: a customer's line, with its reasons, clauses and SMS text") {
    DueSample s;
    s.add("C1", "李磊", {"张三"}, "phone", 3).reasons = {
        due_reason("S0.3-2.1", "第二条(一)1", "当日电话回访"), due_reason("S0.3-4", "", "")};
    s.items.back().reasons[0].explain = {"anchor 11-20", "due 11-22"};
    s.add("C2", "王芳", {"张三"}, "sms", 0).reasons = {due_reason("S0.3-4-m", "第四条2", "样板间")};
    s.items.back().message = "王女士，样板间开放。\n热线400";
    const std::string html = render_due_html(due_sample_policy(), s.items, kToday);
    CHECK(html.find(
              "<tr class=\"overdue\"><td data-label=\"客户 Customer\"><b>李磊</b><br>"
              "<span class=\"id\">C1</span></td>"
              "<td data-label=\"电话 Phone\" class=\"short nowrap\"><a href=\"tel:13800138001\">"
              "13800138001</a></td>"
              "<td data-label=\"渠道 Channel\" class=\"short nowrap\">电话 <span "
              "class=\"id\">phone</span>"
              "</td><td data-label=\"时段 Window\" class=\"short\"><span "
              "class=\"nw\">10:00-11:30</span> "
              "<span class=\"nw\">15:30-17:00</span></td>"
              "<td data-label=\"期限 Due by\" class=\"short\">2026-11-22<br>"
              "<span class=\"late\">逾期&nbsp;3&nbsp;天 · 3&nbsp;d&nbsp;overdue</span></td>"
              "<td data-label=\"原因 Reasons\"><ul class=\"reasons\"><li><span class=\"rule\">"
              "S0.3-2.1</span> <span class=\"clause\">第二条(一)1</span> 当日电话回访<br>"
              "<span class=\"chain\">anchor 11-20 → due 11-22</span></li>"
              "<li><span class=\"rule\">S0.3-4</span></li></ul></td></tr>\n") != std::string::npos);
    CHECK(html.find("<tr><td data-label=\"客户 Customer\"><b>王芳</b>") != std::string::npos);
    CHECK(html.find("<td data-label=\"时段 Window\" class=\"short\">-</td>") != std::string::npos);
    CHECK(html.find("<div class=\"sms\">短信 SMS: 王女士，样板间开放。\n热线400</div>") !=
          std::string::npos);
    CHECK(html.find("<title>回访清单 Call list 2026-11-25 — 测试公司</title>") !=
          std::string::npos);
    CHECK(html.find("<h1>回访清单 Call list · <span class=\"day\">2026-11-25 星期三</span></h1>\n"
                    "<p class=\"sub\">测试公司 · 2 位客户 customers due · 1 逾期 overdue</p>") !=
          std::string::npos);
}

TEST_CASE("due html: a section per owner by name, co-owned customers in each, no owner last") {
    DueSample s;
    s.add("C1", "甲", {"王五", "张三"}, "phone", 2).reasons = {due_reason("r", "", "")};
    s.add("C2", "乙", {}, "phone", 1).reasons = {due_reason("r", "", "")};
    s.add("C3", "丙", {"张三"}, "phone", 0).reasons = {due_reason("r", "", "")};
    const std::string html = render_due_html(due_sample_policy(), s.items, kToday);
    // UTF-8 byte order: 张 (E5 BC A0) before 王 (E7 8E 8B).
    const size_t zhang = html.find(
        "<h2>张三 <span class=\"count\">2 位 customers · 1 逾期 overdue"
        "</span></h2>");
    const size_t wang = html.find(
        "<h2>王五 <span class=\"count\">1 位 customers · 1 逾期 overdue"
        "</span></h2>");
    const size_t none = html.find("<h2>未分配 No owner <span class=\"count\">1 位 customers");
    REQUIRE(zhang != std::string::npos);
    REQUIRE(wang != std::string::npos);
    REQUIRE(none != std::string::npos);
    CHECK(zhang < wang);
    CHECK(wang < none);
    // In 张三's section C1 (overdue) comes before C3, and names its other owner.
    const size_t c1 =
        html.find("<span class=\"id\">C1</span><br><span class=\"also\">也由 also: 王五", zhang);
    const size_t c3 = html.find("<span class=\"id\">C3</span>", zhang);
    CHECK(c1 < c3);
    CHECK(c3 < wang);
    CHECK(html.find("<span class=\"id\">C1</span><br><span class=\"also\">也由 also: 张三", wang) <
          none);
    CHECK(count(html, "<section>") == 3);
    CHECK(count(html, "<tr") == count(html, "</tr>"));
    CHECK(count(html, "<tr class=\"overdue\">") == 3);  // C1 twice, C2
    // The list of `due --staff 王五`: only their section.
    s.items.erase(s.items.begin() + 1, s.items.end());
    const std::string own = render_due_html(due_sample_policy(), s.items, kToday, "王五");
    CHECK(count(own, "<section>") == 1);
    CHECK(own.find("<h2>王五 <span class=\"count\">1 位 customers") != std::string::npos);
}

TEST_CASE("due html: names, phones and rules' texts are escaped; nothing is loaded") {
    DueSample s;
    s.add("C<1>", "<script>alert('x')</script> & \"Co\"", {"<b>me</b>"}, "phone", 0).reasons = {
        due_reason("r&1", "<i>§1</i>", "call \"now\"")};
    s.customers.back().phone = "<img src=x onerror=alert(1)>";
    s.items.back().message = "</div><script>";
    Policy p = due_sample_policy();
    p.company = "A&B <Co>";
    const std::string html = render_due_html(p, s.items, kToday);
    CHECK(
        html.find("<b>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;</b>") !=
        std::string::npos);
    CHECK(html.find("<h2>&lt;b&gt;me&lt;/b&gt; <span") != std::string::npos);
    CHECK(html.find("<span class=\"id\">C&lt;1&gt;</span>") != std::string::npos);
    CHECK(html.find("<a href=\"tel:1\">&lt;img src=x onerror=alert(1)&gt;</a>") !=
          std::string::npos);
    CHECK(html.find("<span class=\"rule\">r&amp;1</span> <span class=\"clause\">&lt;i&gt;§1&lt;/"
                    "i&gt;</span> call &quot;now&quot;") != std::string::npos);
    CHECK(html.find("短信 SMS: &lt;/div&gt;&lt;script&gt;</div>") != std::string::npos);
    CHECK(html.find("— A&amp;B &lt;Co&gt;</title>") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    for (const char* loaded : {"src=\"", "<link", "@import", "url(", "http"})
        CHECK_MESSAGE(html.find(loaded) == std::string::npos, loaded);
}

TEST_CASE("due html: an empty list is a whole page that says nothing is due") {
    const std::string html = render_due_html(due_sample_policy(), {}, kToday);
    CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n",
                     0) == 0);
    CHECK(html.find("<p class=\"sub\">测试公司 · 0 位客户 customers due</p>\n"
                    "<p class=\"empty\">今天没有需要回访的客户。Nothing is due on 2026-11-25.</p>\n"
                    "</body>\n</html>\n") != std::string::npos);
    CHECK(html.find("<table") == std::string::npos);
    CHECK(html.find("@media print") != std::string::npos);
}
