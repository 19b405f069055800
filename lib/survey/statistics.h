#pragma once
// Pure statistics for questionnaire analysis. docs/survey.md gives every formula with a
// worked example; tests/unit/test_survey.cpp checks each against published numbers.

#include <optional>
#include <vector>

namespace revisit {

// z for a two-sided 95% interval.
inline constexpr double kZ95 = 1.96;

struct Interval {
    double low = 0;
    double high = 0;
};

// Arithmetic mean; 0 for an empty list.
double mean(const std::vector<double>& values);

// Sample variance (divides by n - 1); 0 for fewer than two values.
double sample_variance(const std::vector<double>& values);

// Wilson score interval for a proportion `successes` / `n` at `z`:
//   centre = (p + z²/2n) / (1 + z²/n)
//   half   = z / (1 + z²/n) * sqrt(p(1-p)/n + z²/4n²)
// `successes` may be fractional (a weighted rate times n). {0, 1} when n <= 0: no information.
Interval wilson_interval(double successes, double n, double z = kZ95);

// Cronbach's alpha of a complete matrix, one row per respondent, one column per item:
//   alpha = k/(k-1) * (1 - sum of item variances / variance of the row totals)
// Rows must all have the same length (the caller does listwise deletion). nullopt when
// there are fewer than 2 items or 2 rows, or the row totals do not vary.
std::optional<double> cronbach_alpha(const std::vector<std::vector<double>>& rows);

// Cronbach's alpha's 95% interval by Feldt's method (Feldt 1965; Feldt, Woodruff & Salih
// 1987), as R's psych::alpha.ci and JASP give it: (1 - alpha) / (1 - alpha_hat) follows
// F(n - 1, (n - 1)(k - 1)), so the bounds are 1 - (1 - alpha_hat) * F(0.975) and
// 1 - (1 - alpha_hat) * F(0.025). nullopt for fewer than 2 respondents or items.
std::optional<Interval> alpha_interval_feldt(double alpha, long respondents, long items,
                                             double confidence = 0.95);

// What each item adds to a scale (psych::alpha's r.drop and "reliability if an item is
// dropped"; JASP's item-rest correlation and "if item dropped").
struct ItemReliability {
    // Pearson correlation of the item with the sum of the other items; nullopt when either
    // does not vary.
    std::optional<double> item_rest;
    // Cronbach's alpha of the other items; nullopt when fewer than 2 remain.
    std::optional<double> alpha_if_dropped;
};

// One entry per item (column) of a complete matrix, as cronbach_alpha takes it; empty for
// fewer than 2 rows or items.
std::vector<ItemReliability> item_reliability(const std::vector<std::vector<double>>& rows);

// Pearson's r of two equally long lists; nullopt when shorter than 2 or either is constant.
std::optional<double> pearson_correlation(const std::vector<double>& x,
                                          const std::vector<double>& y);

// The regularized incomplete beta function I_x(a, b), a, b > 0, x clamped to [0, 1]:
// the CDF of Beta(a, b) at x. Continued fraction (modified Lentz), about 1e-14 accurate.
double regularized_incomplete_beta(double x, double a, double b);

// The p-quantile (0 < p < 1) of the F distribution with df1 and df2 degrees of freedom:
// bisection on its CDF, I_{df1 f / (df1 f + df2)}(df1/2, df2/2), to double precision.
double f_quantile(double p, double df1, double df2);

// sqrt((N - n) / (N - 1)) for a sample of n out of a population of N (0 <= n <= N);
// 0 when N <= 1 (the whole population was observed).
double finite_population_correction(double n, double N);

// z * sqrt(p(1-p)/n) * sqrt((N-n)/(N-1)): margin of error of a proportion p observed on
// n out of N. 0 when n <= 0 is meaningless, so callers must not ask (returns 0).
double margin_of_error_fpc(double p, double n, double N, double z = kZ95);

// mean ± z * s/sqrt(n) * sqrt((N-n)/(N-1)), s the sample standard deviation of `values`
// (n of them, out of N). nullopt for fewer than two values.
std::optional<Interval> mean_interval_fpc(const std::vector<double>& values, double N,
                                          double z = kZ95);

}  // namespace revisit
