/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "crossbar-technology.h"

#include "ns3/abort.h"

#include <sstream>

namespace ns3
{

const std::vector<CrossbarTechnology>&
CrossbarTechnology::GetAll()
{
    static const std::vector<CrossbarTechnology> presets{
        {"MEMS", MilliSeconds(10), 2.0, 0.1},
        {"Piezo", MilliSeconds(1), 1.0, 0.2},
        {"SiPh-MZI", MicroSeconds(1), 5.0, 0.05},
        {"SOA", NanoSeconds(10), 0.0, 0.5},
    };
    return presets;
}

const CrossbarTechnology&
CrossbarTechnology::Get(const std::string& name)
{
    for (const CrossbarTechnology& t : GetAll())
    {
        if (t.name == name)
        {
            return t;
        }
    }
    NS_ABORT_MSG("unknown crossbar technology \"" << name << "\"; valid names are " << GetNames());
    return GetAll().front();
}

std::string
CrossbarTechnology::GetNames()
{
    std::ostringstream os;
    for (size_t i = 0; i < GetAll().size(); ++i)
    {
        os << (i ? ", " : "") << GetAll()[i].name;
    }
    return os.str();
}

} // namespace ns3
