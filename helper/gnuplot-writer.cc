/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "gnuplot-writer.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/system-path.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iomanip>
#include <limits>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("GnuplotWriter");

namespace
{

/// The two terminals: the PNG is the PDF at 240 dpi (same layout, fonts and lines).
const char* const PNG_TERMINAL = "pngcairo size 1200,780 font 'DejaVu Sans,17' linewidth 1.8 "
                                 "pointscale 3.6 rounded noenhanced";
const char* const PDF_TERMINAL = "pdfcairo size 5in,3.25in font 'DejaVu Sans,10' linewidth 1 "
                                 "rounded noenhanced";

/// The house style, before the plot's own settings (which may override it).
const char* const STYLE =
    "set encoding utf8\n"
    "set tics nomirror\n"
    "set style line 101 linecolor rgb '#d4d4d4' linewidth 0.5 dashtype 1\n"
    "set style line 102 linecolor rgb '#ededed' linewidth 0.5 dashtype 1\n"
    "set grid back xtics ytics mxtics mytics linestyle 101, linestyle 102\n"
    "set key outside bottom center horizontal Left reverse samplen 2.5 spacing 1.1 width 2 "
    "height 0.5\n"
    "# colour (Okabe-Ito, safe for colour-blind readers), dash type and point type all differ\n"
    "set linetype 1 linecolor rgb '#0072B2' linewidth 1.5 dashtype 1 pointtype 7 pointsize 0.65\n"
    "set linetype 2 linecolor rgb '#D55E00' linewidth 1.5 dashtype 4 pointtype 5 pointsize 0.6\n"
    "set linetype 3 linecolor rgb '#009E73' linewidth 1.5 dashtype 3 pointtype 9 pointsize 0.75\n"
    "set linetype 4 linecolor rgb '#CC79A7' linewidth 1.5 dashtype 5 pointtype 13 pointsize 0.75\n"
    "set linetype 5 linecolor rgb '#E69F00' linewidth 1.5 dashtype 1 pointtype 6 pointsize 0.65\n"
    "set linetype 6 linecolor rgb '#56B4E9' linewidth 1.5 dashtype 4 pointtype 4 pointsize 0.6\n"
    "set linetype 7 linecolor rgb '#000000' linewidth 1.5 dashtype 3 pointtype 8 pointsize 0.75\n"
    "set linetype 8 linecolor rgb '#999999' linewidth 1.5 dashtype 5 pointtype 12 pointsize 0.75\n"
    "set linetype cycle 8\n";

/// How the roof is drawn: dashed dark gray, beneath everything else in the graph.
const char* const ROOF_STYLE = "linecolor rgb '#404040' linewidth 1.2 dashtype 2";

/// Headroom above a roof: the y axis reaches this many times the roof.
constexpr double ROOF_HEADROOM = 1.15;

/// At most this many labelled ticks on a logarithmic axis.
constexpr size_t MAX_LABELS = 8;

/// A number as gnuplot reads it back exactly enough: 15 significant digits, C locale.
std::string
Number(double v)
{
    std::ostringstream s;
    s.imbue(std::locale::classic());
    s << std::setprecision(15) << v;
    return s.str();
}

/// Text inside a double-quoted gnuplot string.
std::string
Quoted(const std::string& text)
{
    std::string q = "\"";
    for (char c : text)
    {
        if (c == '"' || c == '\\')
        {
            q += '\\';
        }
        q += c;
    }
    return q + "\"";
}

/// Text as one word for sh.
std::string
ShellQuoted(const std::string& text)
{
    std::string q = "'";
    for (char c : text)
    {
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return q + "'";
}

/// One tick: value, label (empty for a minor tick).
struct Tick
{
    double value;      //!< where
    std::string label; //!< what it says; empty: minor tick
};

/// A logarithmic axis as SetLogAxis draws it.
struct LogAxis
{
    int base{10};            //!< 2 or 10
    double lo{1};            //!< range start
    double hi{10};           //!< range end
    std::vector<Tick> ticks; //!< major (labelled) and minor ticks
};

/// Whether v is in [lo, hi], give or take rounding.
bool
Within(double v, double lo, double hi)
{
    return v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9);
}

/// 2^e as a label: "256 MiB" for bytes, "1024" or "0.5" for plain numbers.
std::string
PowerOfTwoLabel(int e, GnuplotWriter::LogTicks ticks)
{
    if (ticks == GnuplotWriter::BYTES && e >= 0 && e < 64)
    {
        return GnuplotWriter::FormatBytes(uint64_t{1} << e);
    }
    return e >= 0 && e < 64 ? std::to_string(uint64_t{1} << e) : Number(std::ldexp(1.0, e));
}

/// m x 10^d as a label: "500", "0.02", or with a power of ten: "10⁶", "2·10⁻⁵".
std::string
DecimalLabel(int m, int d, bool powerOfTen)
{
    std::ostringstream s;
    s.imbue(std::locale::classic());
    if (powerOfTen)
    {
        static const char* const superscripts[] =
            {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
        if (m != 1)
        {
            s << m << "·";
        }
        s << "10" << (d < 0 ? "⁻" : "");
        for (char c : std::to_string(std::abs(d)))
        {
            s << superscripts[c - '0'];
        }
    }
    else if (d >= 0)
    {
        s << m << std::string(static_cast<size_t>(d), '0');
    }
    else
    {
        s << std::fixed << std::setprecision(-d) << m * std::pow(10.0, d);
    }
    return s.str();
}

/// An end of a decimal axis moves out to the next label if that is this share of the data's
/// range beyond the data (or closer, but not closer than SNAP_MIN).
constexpr double SNAP = 0.1;
constexpr double SNAP_MIN = 0.015; //!< see SNAP

LogAxis
PowersOfTwo(double min, double max, double lo, double hi, GnuplotWriter::LogTicks ticks)
{
    LogAxis axis;
    axis.base = 2;
    const int floorExp = ticks == GnuplotWriter::BYTES ? 0 : -1074;
    int eLo = std::max(floorExp, static_cast<int>(std::ceil(std::log2(lo) - 1e-9)));
    int eHi = static_cast<int>(std::floor(std::log2(hi) + 1e-9));
    if (eHi <= eLo)
    {
        // Fewer than two ticks: widen to the powers of 2 on each side.
        eLo = std::max(floorExp, static_cast<int>(std::floor(std::log2(lo) + 1e-9)));
        eHi = std::max(eLo + 1, static_cast<int>(std::ceil(std::log2(hi) - 1e-9)));
        lo = std::min(lo, std::ldexp(1.0, eLo));
        hi = std::max(hi, std::ldexp(1.0, eHi));
    }
    // The step between labels: 1 KiB, 1 MiB, ... (2^10k) stay labelled whatever the step. The
    // smallest step with at most MAX_LABELS labels, or a step up to 2.5 times larger that
    // labels more of the data's ends.
    auto isMajor = [](int e, int step) { return ((e % step) + step) % step == 0; };
    auto labels = [&](int step) {
        size_t n = 0;
        for (int e = eLo; e <= eHi; ++e)
        {
            n += isMajor(e, step);
        }
        return n;
    };
    auto endsLabelled = [&](int step) {
        int n = 0;
        for (double v : {min, max})
        {
            const double e = std::round(std::log2(v));
            n += std::ldexp(1.0, static_cast<int>(e)) == v && isMajor(static_cast<int>(e), step);
        }
        return n;
    };
    int step = 0;
    for (int s : {1, 2, 4, 5, 10, 20, 40, 50, 100})
    {
        if (step == 0 && labels(s) <= MAX_LABELS)
        {
            step = s;
        }
        else if (step != 0 && s <= 2.5 * step && labels(s) >= 3 &&
                 endsLabelled(s) > endsLabelled(step))
        {
            step = s;
        }
    }
    step = step == 0 ? 100 : step;
    for (int e = eLo; e <= eHi; ++e)
    {
        axis.ticks.push_back(
            {std::ldexp(1.0, e), isMajor(e, step) ? PowerOfTwoLabel(e, ticks) : ""});
    }
    axis.lo = lo;
    axis.hi = hi;
    return axis;
}

LogAxis
Decades(double min, double max, double lo, double hi)
{
    LogAxis axis;
    axis.base = 10;

    // Candidates m x 10^d, m = 1 ... 9, over every decade the range touches and more.
    struct Candidate
    {
        int m;        //!< mantissa
        int d;        //!< decade
        double value; //!< m x 10^d
    };

    std::vector<Candidate> all;
    for (int d = static_cast<int>(std::floor(std::log10(lo))) - 2;
         d <= static_cast<int>(std::ceil(std::log10(hi))) + 2;
         ++d)
    {
        for (int m = 1; m <= 9; ++m)
        {
            all.push_back({m, d, m * std::pow(10.0, d)});
        }
    }
    using Pick = std::function<bool(const Candidate&)>;
    const Pick oneTwoFive = [](const Candidate& c) { return c.m == 1 || c.m == 2 || c.m == 5; };
    auto count = [&all, &lo, &hi](const Pick& pick) {
        size_t n = 0;
        for (const Candidate& c : all)
        {
            n += Within(c.value, lo, hi) && pick(c);
        }
        return n;
    };
    // Labels at 1-2-5; over less than a decade at 1-2-3-5, or at every digit; over many
    // decades at every decade, else at every k-th decade.
    Pick major = oneTwoFive;
    Pick minor = [](const Candidate& c) { return c.m > 1; };
    if (count(oneTwoFive) < 3)
    {
        major = [](const Candidate& c) { return c.m <= 3 || c.m == 5; };
        if (count(major) < 3)
        {
            major = [](const Candidate&) { return true; };
        }
    }
    else if (count(oneTwoFive) > MAX_LABELS)
    {
        for (int k : {1, 2, 3, 5, 10, 20, 50, 100})
        {
            major = [k](const Candidate& c) { return c.m == 1 && ((c.d % k) + k) % k == 0; };
            if (k > 1)
            {
                minor = [](const Candidate& c) { return c.m == 1; };
            }
            if (count(major) <= MAX_LABELS)
            {
                break;
            }
        }
    }
    // Fewer than two labels: widen to the labels on each side. Else an end moves out to the
    // next label if that is close beyond the data, so that the axis ends on a label.
    const bool widen = count(major) < 2;
    const double span = std::log10(max / min);
    auto close = [span](double gap) { return gap >= SNAP_MIN * span && gap <= SNAP * span; };
    double below = 0;
    for (const Candidate& c : all)
    {
        below = major(c) && c.value < lo ? c.value : below; // the last one is the closest
    }
    double above = 0;
    for (auto c = all.rbegin(); c != all.rend(); ++c)
    {
        above = major(*c) && c->value > hi ? c->value : above;
    }
    if (widen)
    {
        lo = below;
        hi = above;
    }
    else
    {
        // The labels nearest beyond the data, inside or outside the padded range.
        double first = 0;
        for (const Candidate& c : all)
        {
            first = major(c) && c.value < min ? c.value : first;
        }
        double last = 0;
        for (auto c = all.rbegin(); c != all.rend(); ++c)
        {
            last = major(*c) && c->value > max ? c->value : last;
        }
        if (close(std::log10(min / first)) && (first >= lo || count(major) < MAX_LABELS))
        {
            lo = first;
        }
        if (close(std::log10(last / max)) && (last <= hi || count(major) < MAX_LABELS))
        {
            hi = last;
        }
    }
    // Plain numbers from 0.001 to 900000, else powers of ten on every label.
    bool powerOfTen = false;
    for (const Candidate& c : all)
    {
        powerOfTen |= Within(c.value, lo, hi) && major(c) && (c.d < -3 || c.d > 5);
    }
    for (const Candidate& c : all)
    {
        if (!Within(c.value, lo, hi))
        {
            continue;
        }
        if (major(c))
        {
            axis.ticks.push_back({c.value, DecimalLabel(c.m, c.d, powerOfTen)});
        }
        else if (minor(c))
        {
            axis.ticks.push_back({c.value, ""});
        }
    }
    axis.lo = lo;
    axis.hi = hi;
    return axis;
}

/// Blank out the creation date cairo puts in a PDF (same length, so offsets hold).
void
RemovePdfDate(const std::string& path)
{
    std::string pdf;
    {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream all;
        all << in.rdbuf();
        pdf = all.str();
    }
    const size_t at = pdf.find("/CreationDate (");
    if (at == std::string::npos)
    {
        return;
    }
    const size_t end = pdf.find(')', at);
    if (end == std::string::npos)
    {
        return;
    }
    pdf.replace(at, end + 1 - at, end + 1 - at, ' ');
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << pdf;
}

} // namespace

std::string
GnuplotWriter::Result::GetFiles() const
{
    if (!missing.empty())
    {
        return plt + " (no PNG or PDF: " + missing + ")";
    }
    return plt + ", " + png + ", " + pdf;
}

void
GnuplotWriter::WriteFileAtomically(const std::string& path, const std::string& text)
{
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        NS_ABORT_MSG_IF(!out, "cannot write " << tmp << ": check that the folder is writable");
        out << text;
        out.flush();
        NS_ABORT_MSG_IF(!out, "writing " << tmp << " failed (disk full?)");
    }
    NS_ABORT_MSG_IF(std::rename(tmp.c_str(), path.c_str()) != 0,
                    "cannot rename " << tmp << " to " << path);
}

std::string
GnuplotWriter::FormatBytes(uint64_t bytes)
{
    static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    size_t unit = 0;
    while (bytes != 0 && bytes % 1024 == 0 && unit + 1 < std::size(units))
    {
        bytes /= 1024;
        ++unit;
    }
    return std::to_string(bytes) + " " + units[unit];
}

void
GnuplotWriter::SetTitle(Gnuplot& plot, const std::vector<std::string>& lines)
{
    // Gnuplot::GenerateOutput puts the title between double quotes as it is.
    std::string title;
    for (size_t i = 0; i < lines.size(); ++i)
    {
        const std::string quoted = Quoted(lines[i]);
        title += (i ? "\\n" : "") + quoted.substr(1, quoted.size() - 2);
    }
    plot.SetTitle(title);
}

void
GnuplotWriter::SetLogAxis(Gnuplot& plot,
                          const std::string& axis,
                          double min,
                          double max,
                          LogTicks ticks,
                          const std::string& label)
{
    NS_ABORT_MSG_IF(axis != "x" && axis != "y" && axis != "y2",
                    "GnuplotWriter::SetLogAxis: axis '" << axis << "' is not x, y or y2");
    NS_ABORT_MSG_IF(!(min > 0) || !(max >= min) || !std::isfinite(max),
                    "GnuplotWriter::SetLogAxis: range [" << min << ", " << max
                                                         << "] is not 0 < min <= max");
    // A little room on each side (4 % of the range, or a factor 1.4 for a single value).
    const double span = std::log10(max / min);
    const double pad = std::pow(10.0, span > 0 ? 0.04 * span : 0.15);
    const LogAxis a = ticks == DECADES ? Decades(min, max, min / pad, max * pad)
                                       : PowersOfTwo(min, max, min / pad, max * pad, ticks);
    std::ostringstream s;
    s << "set logscale " << axis << " " << a.base << "\n"
      << "set " << axis << "range [" << Number(a.lo) << ":" << Number(a.hi) << "]\n"
      << "set " << axis << "tics nomirror (";
    for (size_t i = 0; i < a.ticks.size(); ++i)
    {
        s << (i ? ", " : "") << Quoted(a.ticks[i].label) << " " << Number(a.ticks[i].value)
          << (a.ticks[i].label.empty() ? " 1" : "");
    }
    s << ")";
    if (!label.empty())
    {
        s << "\nset " << axis << "label " << Quoted(label);
    }
    plot.AppendExtra(s.str());
}

void
GnuplotWriter::AddRoof(Gnuplot& plot, double y, const std::string& title)
{
    NS_ABORT_MSG_IF(!(y > 0) || !std::isfinite(y),
                    "GnuplotWriter::AddRoof: roof " << y << " is not > 0");
    // An arrow across the graph on the back layer: beneath the data, never clipped by the x
    // range, and independent of the order of the datasets.
    plot.AppendExtra("set arrow from graph 0, first " + Number(y) + " to graph 1, first " +
                     Number(y) + " nohead back " + ROOF_STYLE);
    // At least the headroom above the roof; more if the data go higher.
    plot.AppendExtra("set yrange [0:" + Number(y * ROOF_HEADROOM) + " < *]");
    // The key entry: a line through no point, in the roof's style.
    Gnuplot2dDataset key(title);
    key.SetStyle(Gnuplot2dDataset::LINES);
    key.SetExtra(ROOF_STYLE);
    key.Add(std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN());
    plot.AddDataset(key);
}

GnuplotWriter::Result
GnuplotWriter::Write(Gnuplot& plot, const std::string& directory, const std::string& base)
{
    SystemPath::MakeDirectories(directory);
    Result r;
    r.plt = directory + "/" + base + ".plt";
    // Write sets the terminals itself; the data go to a datablock, so that replot can draw
    // the PDF from them after the PNG.
    plot.SetTerminal("");
    plot.SetOutputFilename("");
    std::ostringstream control;
    std::ostringstream data;
    data.imbue(std::locale::classic());
    data << std::setprecision(15);
    plot.GenerateOutput(control, data, "$data");

    std::ostringstream script;
    script << "# " << base << ".plt (ns3::GnuplotWriter): 'gnuplot " << base << ".plt' draws "
           << base << ".png and " << base << ".pdf\n"
           << "# The writer runs it with output_suffix='.tmp' and renames the files when done.\n"
           << "if (!exists(\"output_suffix\")) output_suffix = \"\"\n"
           << "$data << EOD\n"
           << data.str() << "EOD\n"
           << STYLE << "set terminal " << PNG_TERMINAL << "\n"
           << "set output " << Quoted(base + ".png") << ".output_suffix\n"
           << control.str() << "set terminal " << PDF_TERMINAL << "\n"
           << "set output " << Quoted(base + ".pdf") << ".output_suffix\n"
           << "replot\n"
           << "unset output\n";
    WriteFileAtomically(r.plt, script.str());

    if (std::system("command -v gnuplot >/dev/null 2>&1") != 0)
    {
        r.missing = "gnuplot not installed";
        NS_LOG_WARN("gnuplot is not installed: wrote " << r.plt << " but no PNG or PDF");
        return r;
    }
    // gnuplot draws to temporary names, renamed only when it succeeded; its messages go to
    // stderr, never into the example's output.
    const std::string cmd = "cd " + ShellQuoted(directory) +
                            " && gnuplot -e \"output_suffix='.tmp'\" " +
                            ShellQuoted(base + ".plt") + " 1>&2";
    const std::string png = directory + "/" + base + ".png";
    const std::string pdf = directory + "/" + base + ".pdf";
    bool drawn = std::system(cmd.c_str()) == 0;
    if (drawn)
    {
        RemovePdfDate(pdf + ".tmp");
        drawn = std::rename((png + ".tmp").c_str(), png.c_str()) == 0 &&
                std::rename((pdf + ".tmp").c_str(), pdf.c_str()) == 0;
    }
    if (drawn)
    {
        r.png = png;
        r.pdf = pdf;
        return r;
    }
    std::remove((png + ".tmp").c_str());
    std::remove((pdf + ".tmp").c_str());
    r.missing = "gnuplot failed, see stderr; it needs the pngcairo and pdfcairo terminals";
    NS_LOG_WARN("gnuplot could not draw " << r.plt);
    return r;
}

} // namespace ns3
