/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_GNUPLOT_WRITER_H
#define SCALE_ACROSS_GNUPLOT_WRITER_H

#include "ns3/gnuplot.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-helper
 * @brief Writes an ns-3 Gnuplot as a figure for a paper: DIR/BASE.plt and, where gnuplot is
 * installed, DIR/BASE.png (cairo) and DIR/BASE.pdf (vector) drawn from it.
 *
 * Every example and bench program ends this way. The script carries the data (a gnuplot
 * datablock) and one house style: DejaVu Sans, a light grid, the key below the graph, and
 * line types that stay apart in grayscale (colour, dash type and point type all differ).
 * Running `gnuplot BASE.plt` draws both files again, so the script can be edited and rerun.
 * The static helpers set what a figure needs before Write: logarithmic axes with readable
 * tick labels (SetLogAxis), a roof such as the line rate (AddRoof) and a title of several
 * lines (SetTitle).
 *
 * Files are written under a temporary name and renamed, so an interrupted run never leaves
 * half a plot behind; the same inputs give byte-identical files (the PDF carries no date).
 */
class GnuplotWriter
{
  public:
    /// What was written.
    struct Result
    {
        std::string plt;     //!< path of the gnuplot script
        std::string png;     //!< path of the PNG, empty if gnuplot is not installed or failed
        std::string pdf;     //!< path of the PDF, empty if gnuplot is not installed or failed
        std::string missing; //!< why there is no PNG and PDF; empty when both were drawn

        /**
         * @brief The files written, for an example's "# wrote" line.
         * @return "DIR/BASE.plt, DIR/BASE.png, DIR/BASE.pdf", or "DIR/BASE.plt (no PNG or PDF:
         * <why>)"
         */
        std::string GetFiles() const;
    };

    /// How SetLogAxis places and labels the ticks of a logarithmic axis.
    enum LogTicks
    {
        BYTES,         //!< powers of 2 with binary prefixes: 512 B, 1 KiB, 64 MiB, 1 GiB
        POWERS_OF_TWO, //!< powers of 2 as plain numbers: 64, 256, 1024 (counts, e.g. ranks)
        DECADES,       //!< powers of 10, with 2 and 5 between them over short ranges: 50, 100, 200
    };

    /**
     * @brief Write the plot's script and draw it.
     *
     * The script gets the house style, the data as a datablock and both terminals: pdfcairo,
     * 5 x 3.25 in with 10 pt text (7 pt when scaled to a 3.5 in paper column), and pngcairo,
     * the same figure at 240 dpi (1200 x 780 pixels). Gnuplot's messages go to stderr.
     *
     * @param plot the plot; its terminal and output file name are cleared (Write sets both)
     * @param directory folder to write into (created if missing)
     * @param base file name without extension
     * @return the paths written
     */
    static Result Write(Gnuplot& plot, const std::string& directory, const std::string& base);

    /**
     * @brief Make an axis logarithmic over [min, max] (a little wider, so that no point sits
     * on the border) with major ticks labelled in the axis' own unit and minor ticks between.
     *
     * At most eight labels: the step between them grows with the range. A range with fewer
     * than two labelled ticks is widened to the nearest ones on each side.
     *
     * @param plot the plot
     * @param axis "x", "y" or "y2" (y2 is also switched on)
     * @param min smallest value on the axis, > 0
     * @param max largest value on the axis, >= min
     * @param ticks how ticks are placed and labelled
     * @param label the axis label, or empty to keep the one set by Gnuplot::SetLegend
     */
    static void SetLogAxis(Gnuplot& plot,
                           const std::string& axis,
                           double min,
                           double max,
                           LogTicks ticks,
                           const std::string& label = "");

    /**
     * @brief Draw a roof, such as the per-rank line rate, as a dashed horizontal line across
     * the whole graph, beneath the data, with its own entry in the key.
     *
     * The y axis then runs from 0 to 15 % above the roof, or higher if data go above it, so
     * the roof is never on the border. Call it after adding the data: its key entry comes
     * last and the data keep the first line types.
     *
     * @param plot the plot (linear y axis)
     * @param y the roof, in the y axis' unit
     * @param title its entry in the key
     */
    static void AddRoof(Gnuplot& plot, double y, const std::string& title);

    /**
     * @brief A size in bytes as a tick label would say it.
     * @param bytes the size
     * @return the largest binary unit that divides it: "256 MiB", "3 KiB", "1000000 B"
     */
    static std::string FormatBytes(uint64_t bytes);

    /**
     * @brief Set a title of one or more lines (quotes and backslashes are escaped).
     * @param plot the plot
     * @param lines the title's lines, top first: say what was run and with which parameters
     */
    static void SetTitle(Gnuplot& plot, const std::vector<std::string>& lines);

    /**
     * @brief Write text to a file through a temporary name and a rename.
     * @param path the file
     * @param text its contents
     */
    static void WriteFileAtomically(const std::string& path, const std::string& text);
};

} // namespace ns3

#endif /* SCALE_ACROSS_GNUPLOT_WRITER_H */
