// lib/survey/statistics.h: the F quantile and the reliability figures R's psych::alpha and
// JASP report. Expected values were computed independently: F quantiles with Python's
// mpmath (betainc, 30 digits) and checked by integrating the F density numerically; the
// item figures with hand formulae in Python's statistics module (docs/survey.md).

#include <doctest/doctest.h>

#include <vector>

#include "survey/statistics.h"

using namespace revisit;

namespace {

// thinkdeeply.cc/posts/survey-reliability: 10 respondents, 4 Likert items, alpha 0.674.
const std::vector<std::vector<double>> kPublished{
    {3, 3, 3, 3}, {3, 3, 4, 3}, {3, 3, 3, 1}, {5, 4, 4, 5}, {2, 1, 4, 4},
    {4, 4, 4, 5}, {3, 2, 3, 3}, {3, 4, 3, 3}, {4, 2, 2, 3}, {3, 3, 2, 3}};

}  // namespace

TEST_CASE("survey/statistics: the regularized incomplete beta function") {
    CHECK(regularized_incomplete_beta(0, 2, 3) == 0);
    CHECK(regularized_incomplete_beta(1, 2, 3) == 1);
    // Beta(1, 1) is uniform; I_x(2, 1) = x²; I_0.5(a, a) = 0.5 by symmetry.
    CHECK(regularized_incomplete_beta(0.3, 1, 1) == doctest::Approx(0.3).epsilon(1e-14));
    CHECK(regularized_incomplete_beta(0.7, 2, 1) == doctest::Approx(0.49).epsilon(1e-14));
    CHECK(regularized_incomplete_beta(0.5, 13.5, 13.5) == doctest::Approx(0.5).epsilon(1e-14));
    // I_0.2(2, 3) = 1 - (1-x)^4 - 4x(1-x)^3 = 0.1808 (binomial form).
    CHECK(regularized_incomplete_beta(0.2, 2, 3) == doctest::Approx(0.1808).epsilon(1e-13));
}

TEST_CASE("survey/statistics: F quantiles match the tables") {
    // F(0.975; 10, 20) = 2.7737 in printed tables. F(0.025; 10, 20) is 1 / F(0.975; 20, 10)
    // = 1 / 3.4185 = 0.29252 (the F density integrates to 0.025 there, and to 0.02467 at
    // 0.2914, a value sometimes quoted).
    CHECK(f_quantile(0.975, 10, 20) == doctest::Approx(2.7736713752).epsilon(1e-9));
    CHECK(f_quantile(0.025, 10, 20) == doctest::Approx(0.292522237984).epsilon(1e-9));
    CHECK(f_quantile(0.95, 1, 1) == doctest::Approx(161.447638798).epsilon(1e-9));
    CHECK(f_quantile(0.975, 1, 1) == doctest::Approx(647.789011478).epsilon(1e-9));
    CHECK(f_quantile(0.5, 3, 7) == doctest::Approx(0.870944253187).epsilon(1e-9));
    CHECK(f_quantile(0.99, 40, 200) == doctest::Approx(1.69448389947).epsilon(1e-9));
    CHECK(f_quantile(0.975, 9, 27) == doctest::Approx(2.63085558792).epsilon(1e-9));
    CHECK(f_quantile(0.025, 9, 27) == doctest::Approx(0.278982651248).epsilon(1e-9));
}

TEST_CASE("survey/statistics: Feldt's interval for alpha") {
    // The published data set: alpha 0.6737267, n = 10, k = 4: df 9 and 27;
    // 1 - 0.3262733·2.6308556 = 0.1416220, 1 - 0.3262733·0.2789827 = 0.9089754.
    const auto ci = alpha_interval_feldt(*cronbach_alpha(kPublished), 10, 4);
    REQUIRE(ci);
    CHECK(ci->low == doctest::Approx(0.1416220).epsilon(1e-6));
    CHECK(ci->high == doctest::Approx(0.9089754).epsilon(1e-6));
    // Always around the estimate, and undefined without two respondents and two items.
    const auto wide = alpha_interval_feldt(0.8, 2, 2);
    REQUIRE(wide);
    CHECK(wide->low == doctest::Approx(1 - 0.2 * 647.789011478).epsilon(1e-9));
    CHECK(wide->high < 1);
    CHECK_FALSE(alpha_interval_feldt(0.8, 1, 4));
    CHECK_FALSE(alpha_interval_feldt(0.8, 10, 1));
}

TEST_CASE("survey/statistics: item-rest correlation and alpha if an item is dropped") {
    const auto items = item_reliability(kPublished);
    REQUIRE(items.size() == 4);
    const double rest[] = {0.5471858, 0.4053712, 0.3640712, 0.5454545};
    const double dropped[] = {0.5589623, 0.6418269, 0.6618557, 0.5462963};
    for (size_t i = 0; i < 4; ++i) {
        CAPTURE(i);
        REQUIRE(items[i].item_rest);
        REQUIRE(items[i].alpha_if_dropped);
        CHECK(*items[i].item_rest == doctest::Approx(rest[i]).epsilon(1e-6));
        CHECK(*items[i].alpha_if_dropped == doctest::Approx(dropped[i]).epsilon(1e-6));
    }
    // Item 4 without it: items 1-3 of the published set, the same as cronbach_alpha says.
    std::vector<std::vector<double>> three;
    for (const auto& row : kPublished) three.push_back({row[0], row[1], row[2]});
    CHECK(*items[3].alpha_if_dropped == doctest::Approx(*cronbach_alpha(three)));
    // Two items: the item-rest r is their correlation; one item left has no alpha.
    const auto two = item_reliability({{1, 2}, {2, 3}, {3, 3}});
    REQUIRE(two.size() == 2);
    CHECK(*two[0].item_rest == doctest::Approx(0.8660254));  // sqrt(3)/2
    CHECK_FALSE(two[0].alpha_if_dropped);
    // A constant item correlates with nothing.
    CHECK_FALSE(item_reliability({{1, 2, 3}, {1, 3, 4}, {1, 4, 4}})[0].item_rest);
    CHECK(item_reliability({{1, 2}}).empty());
    CHECK(*pearson_correlation({1, 2, 3}, {2, 4, 6}) == doctest::Approx(1.0));
    CHECK(*pearson_correlation({1, 2, 3}, {3, 2, 1}) == doctest::Approx(-1.0));
    CHECK_FALSE(pearson_correlation({1, 2}, {1, 2, 3}));
}
