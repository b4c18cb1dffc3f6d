// Readers for the NGA EGM coefficient files and the ICGEM .gfc format (see gravity_field.h for the references).
#include "deorbit/forces/gravity_field.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "deorbit/base/embedded_data.h"
#include "deorbit/base/error.h"
#include "deorbit/base/log.h"
#include "deorbit/base/text.h"

namespace deorbit {
namespace {

// One whitespace-separated field of a line, with its 1-based column.
struct Field {
  std::string_view text;
  int column = 0;
};

// Splits a line on blanks and tabs into at most `max_fields` fields (the rest is ignored: sigmas, epochs).
std::size_t split_fields(std::string_view line, Field* out, std::size_t max_fields) {
  std::size_t count = 0, i = 0;
  while (i < line.size() && count < max_fields) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    if (i >= line.size()) break;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    out[count++] = {line.substr(start, i - start), static_cast<int>(start) + 1};
  }
  return count;
}

[[noreturn]] void fail(const std::string& source, int line, int column, std::string field, std::string expected,
                       std::string_view found) {
  throw InputError(ParseIssue{source, line, column, std::move(field), std::move(expected), std::string(found)});
}

// A coefficient: decimal with E, e, D or d exponent (Fortran files write 0.484165371736D-03).
double parse_coefficient(const Field& f, const std::string& source, int line, const char* name) {
  char buffer[64];
  if (f.text.size() >= sizeof buffer) fail(source, line, f.column, name, "a decimal number", f.text);
  std::size_t n = 0;
  for (char ch : f.text) buffer[n++] = (ch == 'D' || ch == 'd') ? 'E' : ch;
  const auto value = text::parse_double(std::string_view(buffer, n));
  if (!value) fail(source, line, f.column, name, "a decimal number", f.text);
  return *value;
}

int parse_index(const Field& f, const std::string& source, int line, const char* name) {
  const auto value = text::parse_int(f.text);
  if (!value || *value < 0 || *value > 100000) fail(source, line, f.column, name, "a degree or order 0..100000", f.text);
  return static_cast<int>(*value);
}

// Collects (n, m, C, S) rows into a triangular field, growing as degrees appear; checks duplicates.
class Builder {
 public:
  Builder(std::string source, int max_degree) : source_(std::move(source)), max_degree_(max_degree) {}

  //! False if the row was skipped (beyond max_degree, or a repeat that keep_first allows).
  bool add(int n, int m, double c, double s, int line, const Field& n_field, const Field& m_field,
           bool keep_first = false) {
    if (m > n) fail(source_, line, m_field.column, "order m", "m <= n = " + std::to_string(n), m_field.text);
    if (max_degree_ >= 0 && n > max_degree_) return false;
    if (n > degree_) grow(n);
    const std::size_t k = GravityField::index(n, m);
    if (seen_[k] && keep_first) return false;
    if (seen_[k]) fail(source_, line, n_field.column, "degree and order", "each (n, m) once", "a repeated row");
    seen_[k] = 1;
    c_[k] = c;
    s_[k] = s;
    return true;
  }

  GravityField finish(std::string name, double mu, double radius, std::string tide_system) {
    GravityField field;
    field.name = std::move(name);
    field.source = source_;
    field.mu = mu;
    field.radius = radius;
    field.tide_system = std::move(tide_system);
    field.degree = degree_;
    c_.resize(GravityField::index(degree_, degree_) + 1, 0.0);
    s_.resize(c_.size(), 0.0);
    c_[0] = 1.0;  // the central term, whatever a file says (some write 1, most omit it)
    s_[0] = 0.0;
    field.c = std::move(c_);
    field.s = std::move(s_);
    return field;
  }

 private:
  void grow(int n) {
    degree_ = n;
    const std::size_t size = GravityField::index(n, n) + 1;
    c_.resize(size, 0.0);
    s_.resize(size, 0.0);
    seen_.resize(size, 0);
  }

  std::string source_;
  int max_degree_;
  int degree_ = 0;
  std::vector<double> c_{1.0}, s_{0.0};
  std::vector<unsigned char> seen_{0};
};

// Iterates over the lines of a text with 1-based numbers.
template <typename F>
void for_each_line(std::string_view text, F&& f) {
  int number = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    ++number;
    if (!f(text.substr(pos, end - pos), number)) return;
    pos = end + 1;
  }
}

// sqrt((n-m)!/(n+m)!) as a product, in long double (to convert unnormalised ICGEM files).
long double factorial_ratio_sqrt(int n, int m) {
  long double r = 1.0L;
  for (int k = n - m + 1; k <= n + m; ++k) r /= static_cast<long double>(k);
  return std::sqrt(r);
}

}  // namespace

GravityField GravityField::zero(int degree, double mu, double radius, std::string name) {
  GravityField f;
  f.name = std::move(name);
  f.source = "constructed";
  f.mu = mu;
  f.radius = radius;
  f.degree = degree;
  f.tide_system = "unknown";
  f.c.assign(index(degree, degree) + 1, 0.0);
  f.s.assign(f.c.size(), 0.0);
  f.c[0] = 1.0;
  return f;
}

GravityField parse_egm_text(std::string_view text, const std::string& source, const EgmTextOptions& options) {
  Builder builder(source, options.max_degree);
  for_each_line(text, [&](std::string_view line, int number) {
    const std::string_view trimmed = text::trim(line);
    if (trimmed.empty() || trimmed.front() == '#') return true;
    Field f[4];
    const std::size_t count = split_fields(line, f, 4);
    if (count < 4)
      fail(source, number, count ? f[count - 1].column : 1, "coefficient row", "n m Cnm Snm [sigmaC sigmaS]", trimmed);
    const int n = parse_index(f[0], source, number, "degree n");
    const int m = parse_index(f[1], source, number, "order m");
    if (options.max_degree >= 0 && n > options.max_degree) return true;  // skip before parsing the numbers
    const double c = parse_coefficient(f[2], source, number, "Cnm");
    const double s = parse_coefficient(f[3], source, number, "Snm");
    builder.add(n, m, c, s, number, f[0], f[1]);
    return true;
  });
  return builder.finish(options.name, options.mu, options.radius, options.tide_system);
}

GravityField parse_icgem(std::string_view text, const std::string& source, int max_degree) {
  Builder builder(source, max_degree);
  std::string name = "ICGEM", tide_system = "unknown";
  double mu = 0, radius = 0;
  bool normalized = true, in_header = true, seen_mu = false, seen_radius = false, warned_time_variable = false;
  for_each_line(text, [&](std::string_view line, int number) {
    const std::string_view trimmed = text::trim(line);
    if (trimmed.empty()) return true;
    Field f[4];
    const std::size_t count = split_fields(line, f, 4);
    const std::string_view key = f[0].text;
    if (in_header) {
      if (key == "end_of_head") {
        in_header = false;
        if (!seen_mu || !seen_radius)
          fail(source, number, 1, "header", "earth_gravity_constant and radius before end_of_head", key);
      } else if (count >= 2 && key == "modelname") {
        name = std::string(f[1].text);
      } else if (count >= 2 && key == "earth_gravity_constant") {
        mu = parse_coefficient(f[1], source, number, "earth_gravity_constant");
        seen_mu = true;
      } else if (count >= 2 && key == "radius") {
        radius = parse_coefficient(f[1], source, number, "radius");
        seen_radius = true;
      } else if (count >= 2 && key == "tide_system") {
        tide_system = std::string(f[1].text);
      } else if (count >= 2 && key == "norm") {
        if (f[1].text == "unnormalized")
          normalized = false;
        else if (f[1].text != "fully_normalized")
          fail(source, number, f[1].column, "norm", "fully_normalized or unnormalized", f[1].text);
      }
      return true;
    }
    if (key == "gfc" || key == "gfct") {
      Field r[5];
      if (split_fields(line, r, 5) < 5) fail(source, number, 1, key == "gfc" ? "gfc" : "gfct", "key n m C S", trimmed);
      const int n = parse_index(r[1], source, number, "degree n");
      const int m = parse_index(r[2], source, number, "order m");
      if (max_degree >= 0 && n > max_degree) return true;
      double c = parse_coefficient(r[3], source, number, "C");
      double s = parse_coefficient(r[4], source, number, "S");
      if (!normalized) {
        // C_unnormalised = N_nm * C_normalised, N_nm = sqrt((2 - delta_m0)(2n+1)(n-m)!/(n+m)!).
        const long double norm = std::sqrt(static_cast<long double>((m == 0 ? 1 : 2) * (2 * n + 1))) *
                                 factorial_ratio_sqrt(n, m);
        c = static_cast<double>(c / norm);
        s = static_cast<double>(s / norm);
      }
      // ICGEM 2.0 repeats gfct for each validity interval: the first interval's value is kept.
      builder.add(n, m, c, s, number, r[1], r[2], key == "gfct");
    } else if (key == "trnd" || key == "dot" || key == "acos" || key == "asin") {
      if (!warned_time_variable) {
        warn(source + ": time-variable ICGEM terms (" + std::string(key) +
             ") are not applied; the static coefficients are used");
        warned_time_variable = true;
      }
    } else {
      fail(source, number, f[0].column, "data row", "gfc, gfct, trnd, acos or asin", key);
    }
    return true;
  });
  if (in_header) fail(source, 0, 0, "header", "a line end_of_head", "end of file");
  return builder.finish(name, mu, radius, tide_system);
}

GravityField read_gravity_field(const std::filesystem::path& path, const EgmTextOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read gravity field file " + path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  const bool icgem = text.find("end_of_head") != std::string::npos;
  if (icgem) return parse_icgem(text, path.string(), options.max_degree);
  return parse_egm_text(text, path.string(), options);
}

const GravityField& egm96_embedded() {
  static const GravityField field = [] {
    const auto text = embedded_data("egm96_20x20.txt");
    if (!text) throw std::logic_error("embedded file egm96_20x20.txt is missing from the build");
    EgmTextOptions options;
    options.name = "EGM96";
    return parse_egm_text(*text, "embedded:egm96_20x20.txt", options);
  }();
  return field;
}

}  // namespace deorbit
