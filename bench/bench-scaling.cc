/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * bench-scaling: wall time and peak memory against the number of endpoints N, for building
 * the single-hop optical fabric and running one double-binary-tree all-reduce on it (static
 * circuits). Each N runs in its own child process. Prints `name value unit` lines, and writes
 * a table and a log-log gnuplot (PNG and PDF) of wall time and peak RSS against N.
 */

#include "bench-support.h"

#include "ns3/core-module.h"
#include "ns3/scale-across-module.h"

#include <algorithm>
#include <sstream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    std::string endpoints = "64,256,1024,4096,16384,65536";
    std::string algo = "tree";
    uint64_t bytes = 1ULL << 30;
    uint64_t chunkBytes = 8ULL << 20;
    std::string outputDir = "results/bench";
    CommandLine cmd(__FILE__);
    cmd.Usage("Wall time (s) and peak RSS (MiB) of build + one all-reduce against N; writes "
              "<outputDir>/bench-scaling.txt, .plt, .png and .pdf.");
    cmd.AddValue("endpoints", "comma-separated N, each >= 2", endpoints);
    cmd.AddValue("algo", "ring or tree", algo);
    cmd.AddValue("bytes", "all-reduce size, bytes (>= 4)", bytes);
    cmd.AddValue("chunkBytes", "pipeline chunk, bytes; 0 = whole blocks", chunkBytes);
    cmd.AddValue("outputDir", "folder for the table and the plot", outputDir);
    cmd.Parse(argc, argv);

    std::vector<uint32_t> sizes;
    std::stringstream list(endpoints);
    std::string item;
    while (std::getline(list, item, ','))
    {
        char* end = nullptr;
        const unsigned long n = std::strtoul(item.c_str(), &end, 10);
        if (item.empty() || *end != '\0' || n < 2 || n > (1UL << 20))
        {
            std::cerr << "bench-scaling: --endpoints item '" << item
                      << "' is invalid: use integers 2 ... 1048576, comma separated" << std::endl;
            return 1;
        }
        sizes.push_back(static_cast<uint32_t>(n));
    }
    if (sizes.empty() || (algo != "ring" && algo != "tree") || bytes < 4)
    {
        std::cerr << "bench-scaling: --endpoints=" << endpoints << " --algo=" << algo
                  << " --bytes=" << bytes
                  << " are invalid: name at least one N, algo ring or tree, bytes >= 4"
                  << std::endl;
        return 1;
    }

    std::ostringstream table;
    table << "# N  wall_s  build_s  run_s  peak_rss_MiB  events  simulated_us  busbw_GBs\n";
    constexpr uint32_t wavelengths = 4; // per NIC
    Gnuplot2dDataset wall("wall time (s, left)");
    Gnuplot2dDataset rss("peak RSS (MiB, right)");
    double wallMin = 0;
    double wallMax = 0;
    double rssMin = 0;
    double rssMax = 0;
    wall.SetStyle(Gnuplot2dDataset::LINES_POINTS);
    rss.SetStyle(Gnuplot2dDataset::LINES_POINTS);
    rss.SetExtra("axes x1y2");
    for (uint32_t n : sizes)
    {
        const bench::Measured m = bench::RunInChild([&](double* values) {
            const bench::AllReduceRun run =
                bench::RunOpticalAllReduce(n, algo, bytes, chunkBytes, wavelengths, false);
            values[0] = run.buildSeconds;
            values[1] = run.runSeconds;
            values[2] = static_cast<double>(run.events);
            values[3] = run.result.time.GetSeconds() * 1e6;
            values[4] = run.result.busbw;
        });
        const std::string p = "scaling_" + std::to_string(n) + "_";
        bench::Report(p + "wall_time", m.wallSeconds, "s");
        bench::Report(p + "build_wall_time", m.values[0], "s");
        bench::Report(p + "run_wall_time", m.values[1], "s");
        bench::Report(p + "peak_rss", m.peakRssMiB, "MiB");
        bench::Report(p + "events", m.values[2], "events");
        table << n << " " << m.wallSeconds << " " << m.values[0] << " " << m.values[1] << " "
              << m.peakRssMiB << " " << m.values[2] << " " << m.values[3] << " " << m.values[4]
              << "\n";
        wall.Add(n, m.wallSeconds);
        rss.Add(n, m.peakRssMiB);
        const bool first = wallMax == 0;
        wallMin = first ? m.wallSeconds : std::min(wallMin, m.wallSeconds);
        wallMax = std::max(wallMax, m.wallSeconds);
        rssMin = first ? m.peakRssMiB : std::min(rssMin, m.peakRssMiB);
        rssMax = std::max(rssMax, m.peakRssMiB);
    }

    // The protocol is the communicator's default (--ns3::CollectiveCommunicator::Protocol=...).
    TypeId::AttributeInformation protocol;
    TypeId::LookupByName("ns3::CollectiveCommunicator")
        .LookupAttributeByName("Protocol", &protocol);
    Gnuplot plot;
    GnuplotWriter::SetTitle(plot,
                            {"build + one " + algo + " all_reduce of " +
                                 GnuplotWriter::FormatBytes(bytes) + " on N ranks, static fabric",
                             std::to_string(wavelengths) + " × 1.6 Tb/s per NIC, chunk " +
                                 (chunkBytes ? GnuplotWriter::FormatBytes(chunkBytes) : "none") +
                                 ", NCCL " +
                                 protocol.initialValue->SerializeToString(protocol.checker)});
    plot.SetLegend("endpoints N", "wall time (s)");
    const auto [nMin, nMax] = std::minmax_element(sizes.begin(), sizes.end());
    GnuplotWriter::SetLogAxis(plot, "x", *nMin, *nMax, GnuplotWriter::POWERS_OF_TWO);
    GnuplotWriter::SetLogAxis(plot, "y", wallMin, wallMax, GnuplotWriter::DECADES);
    GnuplotWriter::SetLogAxis(plot, "y2", rssMin, rssMax, GnuplotWriter::DECADES, "peak RSS (MiB)");
    plot.AddDataset(wall);
    plot.AddDataset(rss);
    SystemPath::MakeDirectories(outputDir);
    const std::string tablePath = outputDir + "/bench-scaling.txt";
    GnuplotWriter::WriteFileAtomically(tablePath, table.str());
    const GnuplotWriter::Result written = GnuplotWriter::Write(plot, outputDir, "bench-scaling");
    std::cout << "# wrote " << tablePath << ", " << written.GetFiles() << std::endl;
    return 0;
}
