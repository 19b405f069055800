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
