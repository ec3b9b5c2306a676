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
        {"MEMS",
         MilliSeconds(10),
         2.0,
         0.1,
         136,
         "ports: Google Palomar 3D-MEMS OCS, 136 x 136 (Apollo, arXiv 2208.10041); time, "
         "loss, power: assumptions (orders of magnitude)"},
        {"Piezo",
         MilliSeconds(1),
         1.0,
         0.2,
         384,
         "assumption: piezo beam-steering switches of a few hundred ports (not confirmed)"},
        {"SiPh-MZI",
         MicroSeconds(1),
         5.0,
         0.05,
         64,
         "assumption: silicon-photonic switches of tens to hundreds of ports (issue #14; not "
         "confirmed)"},
        {"SOA",
         NanoSeconds(10),
         0.0,
         0.5,
         16,
         "assumption: SOA-gate switches of tens of ports (not confirmed)"},
        {"AWGR",
         NanoSeconds(4),
         6.0,
         0.0,
         64,
         "reconfiguration: Sirius (SIGCOMM'20), 3.84 ns end to end with sub-ns laser tuning, "
         "rounded up to the 1 ns time resolution; "
         "passive (power in the NICs' tunable lasers); ports and loss: assumptions"},
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

bool
CrossbarTechnology::Exists(const std::string& name)
{
    for (const CrossbarTechnology& t : GetAll())
    {
        if (t.name == name)
        {
            return true;
        }
    }
    return false;
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
