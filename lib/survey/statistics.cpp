#include "survey/statistics.h"

#include <algorithm>
#include <cmath>

namespace revisit {

double mean(const std::vector<double>& values) {
    if (values.empty()) return 0;
    double sum = 0;
    for (double v : values) sum += v;
    return sum / static_cast<double>(values.size());
}

double sample_variance(const std::vector<double>& values) {
    if (values.size() < 2) return 0;
    const double m = mean(values);
    double sum = 0;
    for (double v : values) sum += (v - m) * (v - m);
    return sum / static_cast<double>(values.size() - 1);
}

Interval wilson_interval(double successes, double n, double z) {
    if (n <= 0) return {0, 1};
    const double p = successes / n;
    const double z2 = z * z;
    const double denominator = 1 + z2 / n;
    const double centre = (p + z2 / (2 * n)) / denominator;
    const double half = z / denominator * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

std::optional<double> cronbach_alpha(const std::vector<std::vector<double>>& rows) {
    if (rows.size() < 2) return std::nullopt;
    const size_t k = rows.front().size();
    if (k < 2) return std::nullopt;
    double item_variances = 0;
    for (size_t item = 0; item < k; ++item) {
        std::vector<double> column;
        column.reserve(rows.size());
        for (const auto& row : rows) column.push_back(row[item]);
        item_variances += sample_variance(column);
    }
    std::vector<double> totals;
    totals.reserve(rows.size());
    for (const auto& row : rows) {
        double total = 0;
        for (double v : row) total += v;
        totals.push_back(total);
    }
    const double total_variance = sample_variance(totals);
    if (total_variance <= 0) return std::nullopt;
    const double kd = static_cast<double>(k);
    return kd / (kd - 1) * (1 - item_variances / total_variance);
}

double finite_population_correction(double n, double N) {
    if (N <= 1 || n >= N) return 0;
    return std::sqrt((N - n) / (N - 1));
}

double margin_of_error_fpc(double p, double n, double N, double z) {
    if (n <= 0) return 0;
    return z * std::sqrt(p * (1 - p) / n) * finite_population_correction(n, N);
}

std::optional<Interval> mean_interval_fpc(const std::vector<double>& values, double N, double z) {
    if (values.size() < 2) return std::nullopt;
    const double n = static_cast<double>(values.size());
    const double m = mean(values);
    const double half =
        z * std::sqrt(sample_variance(values) / n) * finite_population_correction(n, N);
    return Interval{m - half, m + half};
}

}  // namespace revisit

namespace revisit {

namespace {

// The continued fraction of I_x(a, b) (Numerical Recipes' betacf), for x < (a+1)/(a+b+2).
double beta_continued_fraction(double x, double a, double b) {
    constexpr double tiny = 1e-300, eps = 1e-16;
    double c = 1, d = 1 - (a + b) * x / (a + 1);
    if (std::fabs(d) < tiny) d = tiny;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 10000; ++m) {
        const double md = m, m2 = 2 * md;
        // Even step, then odd step of the fraction.
        for (const double num : {md * (b - md) * x / ((a + m2 - 1) * (a + m2)),
                                 -(a + md) * (a + b + md) * x / ((a + m2) * (a + m2 + 1))}) {
            d = 1 + num * d;
            if (std::fabs(d) < tiny) d = tiny;
            c = 1 + num / c;
            if (std::fabs(c) < tiny) c = tiny;
            d = 1 / d;
            h *= d * c;
            if (num != 0 && std::fabs(d * c - 1) < eps) return h;
        }
    }
    return h;
}

}  // namespace

double regularized_incomplete_beta(double x, double a, double b) {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    const double log_front =
        std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
    const double front = std::exp(log_front);
    // The fraction converges fast on this side; use the symmetry I_x(a,b) = 1 - I_1-x(b,a).
    if (x < (a + 1) / (a + b + 2)) return front * beta_continued_fraction(x, a, b) / a;
    return 1 - front * beta_continued_fraction(1 - x, b, a) / b;
}

double f_quantile(double p, double df1, double df2) {
    // Bisect on u = df1 f / (df1 f + df2) in (0, 1), where the CDF is I_u(df1/2, df2/2):
    // monotone and bounded, so bisection cannot miss; stop when the midpoint no longer moves.
    double lo = 0, hi = 1;
    for (int i = 0; i < 2000; ++i) {
        const double mid = lo + (hi - lo) / 2;
        if (mid <= lo || mid >= hi) break;
        (regularized_incomplete_beta(mid, df1 / 2, df2 / 2) < p ? lo : hi) = mid;
    }
    const double u = lo + (hi - lo) / 2;
    return df2 * u / (df1 * (1 - u));
}

std::optional<Interval> alpha_interval_feldt(double alpha, long respondents, long items,
                                             double confidence) {
    if (respondents < 2 || items < 2) return std::nullopt;
    const double df1 = static_cast<double>(respondents - 1);
    const double df2 = df1 * static_cast<double>(items - 1);
    const double tail = (1 - confidence) / 2;
    return Interval{1 - (1 - alpha) * f_quantile(1 - tail, df1, df2),
                    1 - (1 - alpha) * f_quantile(tail, df1, df2)};
}

std::optional<double> pearson_correlation(const std::vector<double>& x,
                                          const std::vector<double>& y) {
    if (x.size() != y.size() || x.size() < 2) return std::nullopt;
    const double mx = mean(x), my = mean(y);
    double sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    if (sxx <= 0 || syy <= 0) return std::nullopt;
    return sxy / std::sqrt(sxx * syy);
}

std::vector<ItemReliability> item_reliability(const std::vector<std::vector<double>>& rows) {
    if (rows.size() < 2 || rows.front().size() < 2) return {};
    const size_t k = rows.front().size();
    std::vector<ItemReliability> out(k);
    for (size_t item = 0; item < k; ++item) {
        std::vector<double> own, rest;
        std::vector<std::vector<double>> others;
        for (const auto& row : rows) {
            std::vector<double> other;
            for (size_t j = 0; j < k; ++j)
                if (j != item) other.push_back(row[j]);
            own.push_back(row[item]);
            double sum = 0;
            for (double v : other) sum += v;
            rest.push_back(sum);
            others.push_back(std::move(other));
        }
        out[item].item_rest = pearson_correlation(own, rest);
        out[item].alpha_if_dropped = cronbach_alpha(others);
    }
    return out;
}

}  // namespace revisit
