/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "gnuplot-writer.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/system-path.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("GnuplotWriter");

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

GnuplotWriter::Result
GnuplotWriter::Write(Gnuplot& plot, const std::string& directory, const std::string& base)
{
    SystemPath::MakeDirectories(directory);
    Result r;
    r.plt = directory + "/" + base + ".plt";
    // gnuplot draws to a temporary name too, renamed only when it succeeded.
    plot.SetTerminal("png size 1024,640 noenhanced");
    plot.SetOutputFilename(base + ".png.tmp");
    std::ostringstream script;
    plot.GenerateOutput(script);
    WriteFileAtomically(r.plt, script.str());

    if (std::system("command -v gnuplot >/dev/null 2>&1") != 0)
    {
        NS_LOG_WARN("gnuplot is not installed: wrote " << r.plt << " but no PNG");
        return r;
    }
    const std::string cmd = "cd '" + directory + "' && gnuplot '" + base + ".plt' 2>&1";
    const std::string png = directory + "/" + base + ".png";
    if (std::system(cmd.c_str()) == 0 && std::rename((png + ".tmp").c_str(), png.c_str()) == 0)
    {
        r.png = png;
    }
    else
    {
        std::remove((png + ".tmp").c_str());
        NS_LOG_WARN("gnuplot could not draw " << r.plt);
    }
    return r;
}

} // namespace ns3
