/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_GNUPLOT_WRITER_H
#define SCALE_ACROSS_GNUPLOT_WRITER_H

#include "ns3/gnuplot.h"

#include <string>

namespace ns3
{

/**
 * @ingroup scale-across-helper
 * @brief Writes an ns-3 Gnuplot to DIR/BASE.plt and, where gnuplot is installed, draws
 * DIR/BASE.png from it.
 *
 * Every example ends this way. Files are written under a temporary name and renamed, so an
 * interrupted run never leaves half a plot behind.
 */
class GnuplotWriter
{
  public:
    /// What was written.
    struct Result
    {
        std::string plt; //!< path of the gnuplot script
        std::string png; //!< path of the PNG, empty if gnuplot is not installed or failed
    };

    /**
     * @param plot the plot (its terminal is set to png and its output to BASE.png)
     * @param directory folder to write into (created if missing)
     * @param base file name without extension
     * @return the paths written
     */
    static Result Write(Gnuplot& plot, const std::string& directory, const std::string& base);

    /**
     * @brief Write text to a file through a temporary name and a rename.
     * @param path the file
     * @param text its contents
     */
    static void WriteFileAtomically(const std::string& path, const std::string& text);
};

} // namespace ns3

#endif /* SCALE_ACROSS_GNUPLOT_WRITER_H */
