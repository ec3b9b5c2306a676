/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "example-packet-fabric.h"

#include "example-arguments.h"

#include "ns3/fat-tree-helper.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/packet-net-device.h"
#include "ns3/packet-switch.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace ns3
{

namespace
{

constexpr uint32_t MAX_RADIX = 65535; //!< PacketSwitch's most ports
constexpr uint32_t MAX_K = 1024;      //!< FatTreeHelper's largest k

/**
 * @brief Uplinks per leaf of a leaf-spine, as LeafSpineHelper computes them.
 * @param radix ports per switch
 * @param ratio oversubscription r
 * @return radix / (r + 1) if that is a whole number from 1 to radix - 1, else 0
 */
uint32_t
Uplinks(uint32_t radix, double ratio)
{
    const double uplinks = radix / (ratio + 1);
    const auto u = static_cast<uint32_t>(std::llround(uplinks));
    return (u >= 1 && u < radix && std::fabs(uplinks - u) <= 1e-9) ? u : 0;
}

/**
 * @param radix ports per switch
 * @param ratio oversubscription r
 * @param ranks hosts
 * @return true if leaves of this radix hold exactly the ranks and a spine reaches them all
 */
bool
Holds(uint32_t radix, double ratio, uint32_t ranks)
{
    const uint32_t u = Uplinks(radix, ratio);
    if (u == 0)
    {
        return false;
    }
    const uint32_t hosts = radix - u;
    return ranks % hosts == 0 && ranks / hosts <= radix;
}

/**
 * @param ratio oversubscription r
 * @param ranks hosts
 * @return the smallest radix whose leaf-spine holds the ranks, or 0 if none up to MAX_RADIX
 */
uint32_t
SmallestRadix(double ratio, uint32_t ranks)
{
    for (uint32_t radix = 2; radix <= MAX_RADIX; ++radix)
    {
        if (Holds(radix, ratio, ranks))
        {
            return radix;
        }
    }
    return 0;
}

/// @param ratio a number @return it as the shortest text that reads back the same
std::string
Format(double ratio)
{
    std::ostringstream os;
    os << ratio;
    return os.str();
}

} // namespace

ExamplePacketFabric::ExamplePacketFabric(std::string program)
    : m_program(std::move(program)),
      m_oversubscription("1"),
      m_routing("ecmp")
{
}

bool
ExamplePacketFabric::IsElectrical(const std::string& fabric)
{
    return fabric == "leafspine" || fabric == "fattree";
}

std::vector<std::pair<std::string, uint64_t>>
ExamplePacketFabric::Limits()
{
    return {{"radix", MAX_RADIX}, {"k", MAX_K}, {"cellBytes", 0xffffffffULL}};
}

void
ExamplePacketFabric::AddOptions(CommandLine& cmd)
{
    cmd.AddValue("radix",
                 "leafspine: ports per switch, 2 ... 65535; 0 = the smallest radix whose leaves "
                 "hold the ranks (a 51.2 Tb/s ASIC has 64 ports of 800 Gb/s)",
                 m_radix);
    cmd.AddValue("oversubscription",
                 "leafspine: host ports per uplink at each leaf, a number >= 1 (1 = "
                 "non-blocking); radix / (oversubscription + 1) must be whole",
                 m_oversubscription);
    cmd.AddValue("k",
                 "fattree: ports per switch, even, 2 ... 1024 (k^3/4 hosts, 5k^2/4 switches); "
                 "0 = the smallest k that holds the ranks",
                 m_k);
    cmd.AddValue("cellBytes",
                 "leafspine/fattree: payload bytes per simulated cell, 0 (one cell per packet "
                 "of the NIC's Mtu, 4096 B) or a multiple of the Mtu (faster, coarser timing; "
                 "see doc: the cell-size error)",
                 m_cellBytes);
    cmd.AddValue("routing",
                 "leafspine/fattree: choice among up ports: ecmp (flow hash), spray (per cell, "
                 "in turn) or adaptive (least queued bytes)",
                 m_routing);
}

void
ExamplePacketFabric::Fail(const std::string& message) const
{
    ExampleArguments::Fail(m_program, message);
}

void
ExamplePacketFabric::Check(int argc,
                           char* argv[],
                           const std::vector<std::string>& fabrics,
                           uint32_t ranks)
{
    auto asked = [&fabrics](const std::string& f) {
        return std::find(fabrics.begin(), fabrics.end(), f) != fabrics.end();
    };
    const bool leafSpine = asked("leafspine");
    const bool fatTree = asked("fattree");

    // An option that changes nothing is refused, as --technology is: a user who sets it
    // believes the run depends on it.
    struct Scoped
    {
        std::string option; //!< its name
        std::string value;  //!< its value, as parsed
        bool used;          //!< a fabric it shapes is asked for
        std::string needs;  //!< the fabrics it shapes
    };

    const std::string either = "--fabric=leafspine or fattree";
    const std::vector<Scoped> scoped = {
        {"radix", std::to_string(m_radix), leafSpine, "--fabric=leafspine"},
        {"oversubscription", m_oversubscription, leafSpine, "--fabric=leafspine"},
        {"k", std::to_string(m_k), fatTree, "--fabric=fattree"},
        {"cellBytes", std::to_string(m_cellBytes), leafSpine || fatTree, either},
        {"routing", m_routing, leafSpine || fatTree, either}};
    for (const Scoped& s : scoped)
    {
        if (!s.used && ExampleArguments::IsGiven(argc, argv, s.option))
        {
            Fail("--" + s.option + "=" + s.value + " has no effect without " + s.needs +
                 ": add that fabric to --fabric, or leave --" + s.option + " out");
        }
    }
    if (m_routing != "ecmp" && m_routing != "spray" && m_routing != "adaptive")
    {
        Fail("--routing=" + m_routing + " is invalid: use ecmp, spray or adaptive");
    }
    CheckOversubscription();
    if (leafSpine)
    {
        ChooseRadix(ranks);
        CheckCell("leafspine", m_radix);
    }
    if (fatTree)
    {
        ChooseK(ranks);
        CheckCell("fattree", m_k);
    }
}

void
ExamplePacketFabric::CheckOversubscription()
{
    const char* text = m_oversubscription.c_str();
    char* end = nullptr;
    const double ratio = std::strtod(text, &end);
    if (m_oversubscription.empty() || *end != '\0' || !std::isfinite(ratio) || !(ratio >= 1))
    {
        Fail("--oversubscription=" + m_oversubscription +
             " is invalid: use a number >= 1 (host ports per uplink at each leaf; 1 is "
             "non-blocking)");
    }
    m_ratio = ratio;
}

void
ExamplePacketFabric::ChooseRadix(uint32_t ranks)
{
    const std::string given = "--fabric=leafspine --oversubscription=" + m_oversubscription;
    const uint32_t smallest = SmallestRadix(m_ratio, ranks);
    const std::string hint = smallest ? "; --radix=" + std::to_string(smallest) +
                                            " is the smallest that holds " + std::to_string(ranks) +
                                            " ranks (or use --radix=0 to choose it)"
                                      : "";
    if (m_radix == 0)
    {
        if (smallest == 0)
        {
            Fail("--ranks=" + std::to_string(ranks) + " is invalid with " + given +
                 ": no radix up to 65535 has leaves that hold exactly that many ranks; use "
                 "another --ranks or --oversubscription");
        }
        m_radix = smallest;
        return;
    }
    const std::string radix = "--radix=" + std::to_string(m_radix);
    if (m_radix < 2)
    {
        Fail(radix + " is invalid: use 0 (the smallest that holds the ranks) or 2 ... 65535");
    }
    const uint32_t u = Uplinks(m_radix, m_ratio);
    if (u == 0)
    {
        Fail(radix + " is invalid with " + given +
             ": radix / (oversubscription + 1) = " + Format(m_radix / (m_ratio + 1)) +
             " uplinks per leaf is not a whole number from 1 to radix - 1" + hint);
    }
    const uint32_t hosts = m_radix - u;
    if (ranks % hosts != 0)
    {
        Fail("--ranks=" + std::to_string(ranks) + " is invalid with " + given + " " + radix +
             ": leaves of " + std::to_string(hosts) + " hosts hold a multiple of " +
             std::to_string(hosts) + " ranks" + hint);
    }
    if (ranks / hosts > m_radix)
    {
        Fail("--ranks=" + std::to_string(ranks) + " is invalid with " + given + " " + radix + ": " +
             std::to_string(ranks / hosts) + " leaves of " + std::to_string(hosts) +
             " hosts, more than a spine's " + std::to_string(m_radix) + " ports: at most " +
             std::to_string(uint64_t{m_radix} * hosts) + " ranks" + hint);
    }
}

void
ExamplePacketFabric::ChooseK(uint32_t ranks)
{
    auto hosts = [](uint32_t k) { return uint64_t{k} * k * k / 4; };
    if (m_k == 0)
    {
        for (m_k = 2; hosts(m_k) < ranks; m_k += 2)
        {
        }
        return;
    }
    if (m_k < 2 || m_k % 2 != 0)
    {
        Fail("--k=" + std::to_string(m_k) +
             " is invalid: use 0 (the smallest that holds the ranks) or an even number, "
             "2 ... 1024");
    }
    if (hosts(m_k) < ranks)
    {
        Fail("--ranks=" + std::to_string(ranks) +
             " is invalid with --fabric=fattree --k=" + std::to_string(m_k) +
             ": a k-ary fat-tree holds at most k^3/4 = " + std::to_string(hosts(m_k)) +
             " hosts; use a larger --k, or --k=0 to choose it");
    }
}

void
ExamplePacketFabric::CheckCell(const std::string& fabric, uint32_t ports) const
{
    // Probes built with the attribute defaults the command line may have changed
    // (--ns3::PacketNetDevice::Mtu, --ns3::PacketSwitch::BufferBytes ...), as Install's are.
    Ptr<PacketNetDevice> nic = CreateObject<PacketNetDevice>();
    const uint32_t mtu = nic->GetMtu();
    const std::string cell = "--cellBytes=" + std::to_string(m_cellBytes);
    if (m_cellBytes % mtu != 0)
    {
        Fail(cell + " is invalid: use 0 (one cell per packet) or a multiple of the NIC's Mtu, " +
             std::to_string(mtu));
    }
    // A cell of whole packets: each Mtu of payload takes its headers on the wire.
    const uint64_t packetWire = nic->GetWireBytes(mtu);
    const uint64_t payload = m_cellBytes == 0 ? mtu : m_cellBytes;
    const uint64_t wire = payload / mtu * packetWire;
    Ptr<PacketSwitch> sw =
        CreateObjectWithAttributes<PacketSwitch>("NumPorts", UintegerValue(ports));
    // Under PFC a sender holds no credits (0): the switch checks its cells against the PFC
    // headroom itself when the fabric is wired (PacketSwitch::CheckCellSize).
    const uint64_t share = sw->GetIngressCredits(0);
    if (share > 0 && wire > share)
    {
        const uint64_t most = share / packetWire * mtu;
        Fail(cell + " is invalid with --fabric=" + fabric + ": a cell of " + std::to_string(wire) +
             " wire bytes exceeds a switch port's share of the buffer, " + std::to_string(share) +
             " B (BufferBytes " + std::to_string(sw->GetBufferBytes()) + " / " +
             std::to_string(ports) + " ports); use --cellBytes <= " + std::to_string(most) +
             ", or a larger --ns3::PacketSwitch::BufferBytes");
    }
}

NetDeviceContainer
ExamplePacketFabric::Install(const std::string& fabric,
                             const NodeContainer& nodes,
                             uint32_t wavelengths,
                             std::string& description,
                             std::vector<Ptr<PacketSwitch>>* switches) const
{
    const uint32_t n = nodes.GetN();
    std::ostringstream os;
    auto configure = [&](PacketFabricHelper& helper) {
        helper.MatchOpticalNic(wavelengths);
        helper.SetDeviceAttribute("CellBytes", UintegerValue(m_cellBytes));
        helper.SetSwitchAttribute("Routing", StringValue(m_routing));
    };
    NetDeviceContainer devices;
    if (fabric == "leafspine")
    {
        LeafSpineHelper helper;
        helper.SetRadix(m_radix);
        helper.SetOversubscription(m_ratio);
        configure(helper);
        devices = helper.Install(nodes);
        if (switches != nullptr)
        {
            *switches = helper.GetSwitches();
        }
        os << "radix " << m_radix << ", " << m_oversubscription << ":1, "
           << n / helper.GetHostsPerLeaf() << " leaves of " << helper.GetHostsPerLeaf()
           << " hosts, " << helper.GetSpines() << (helper.GetSpines() == 1 ? " spine" : " spines");
    }
    else
    {
        FatTreeHelper helper;
        helper.SetK(m_k);
        configure(helper);
        devices = helper.Install(nodes);
        if (switches != nullptr)
        {
            *switches = helper.GetSwitches();
        }
        os << "k = " << m_k << ", " << helper.GetNSwitches() << " switches, " << n << " of "
           << helper.GetMaxHosts() << " hosts";
    }
    Ptr<PacketNetDevice> nic = DynamicCast<PacketNetDevice>(devices.Get(0));
    Ptr<PacketSwitch> sw = nic->GetSwitch();
    os << ", " << wavelengths * 1.6 << " Tb/s per endpoint and link, cells of "
       << nic->GetCellBytes() << " B, " << m_routing << " routing, "
       << (sw->IsCutThrough() ? "cut-through" : "store-and-forward") << ", "
       << sw->GetForwardingLatency().As(Time::NS) << " per switch";
    description = os.str();
    return devices;
}

} // namespace ns3
