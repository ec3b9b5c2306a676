/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-trace-paths: every trace source of the module is reached through the Config
 * path doc/scale-across.rst gives it, by a sink with the signature of the typedef its
 * AddTraceSource names, and fires exactly as often as the model says in a few small runs. A
 * trace source of the module that no probe covers fails the suite.
 */

#include "../collective-test-fixture.h"
#include "../scale-across-test-fixture.h"
#include "../training-test-fixture.h"

#include "ns3/clos-fabric.h"
#include "ns3/collective-communicator.h"
#include "ns3/collective-header.h"
#include "ns3/collective-helper.h"
#include "ns3/collective-transport.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/fabric-cost-model.h"
#include "ns3/fault-helper.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/names.h"
#include "ns3/node-list.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"
#include "ns3/optical-net-device.h"
#include "ns3/packet-link.h"
#include "ns3/packet-net-device.h"
#include "ns3/packet-switch.h"
#include "ns3/packet-transceiver.h"
#include "ns3/photonic-crossbar.h"
#include "ns3/rotor-circuit-scheduler.h"
#include "ns3/simulator.h"
#include "ns3/slotted-circuit-scheduler.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/training-job-application.h"
#include "ns3/training-job.h"
#include "ns3/training-variability.h"
#include "ns3/uinteger.h"
#include "ns3/wavelength-routed-circuit-scheduler.h"

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// The model's drop reasons under the one name this file uses: a rename is an edit here.

/// @name Config paths, as the documentation gives them
/// @{
/// Every NIC (one per node in these fabrics).
const std::string ALL_NICS = "/NodeList/*/DeviceList/*/$ns3::OpticalNetDevice/";
/// The crossbar, through one of its NICs (through all of them would connect once per NIC).
const std::string CROSSBAR = "/NodeList/0/DeviceList/0/$ns3::OpticalNetDevice/Crossbar/";
/// The crossbar through every NIC: the same object once per NIC.
const std::string CROSSBAR_VIA_ALL_NICS = ALL_NICS + "Crossbar/";
/// Every channel (here only the fibers: OpticalChannel, one per NIC).
const std::string ALL_CHANNELS = "/ChannelList/*/$ns3::OpticalChannel/";
/// The collective transport aggregated to every node.
const std::string ALL_TRANSPORTS = "/NodeList/*/$ns3::CollectiveTransport/";
/// Every collective application (one rank per node here).
const std::string ALL_APPLICATIONS = "/NodeList/*/ApplicationList/*/$ns3::CollectiveApplication/";
/// The communicator, through rank 0's application.
const std::string COMMUNICATOR =
    "/NodeList/0/ApplicationList/0/$ns3::CollectiveApplication/Communicator/";

/// Every host NIC of a packet fabric (one per node).
const std::string ALL_PACKET_NICS = "/NodeList/*/DeviceList/*/$ns3::PacketNetDevice/";
/// The switch of node 0's NIC (its leaf).
const std::string NODE0_SWITCH = "/NodeList/0/DeviceList/0/$ns3::PacketNetDevice/Switch/";
/// Every link of a packet fabric.
const std::string ALL_PACKET_LINKS = "/ChannelList/*/$ns3::PacketLink/";
/// Every rank's TrainingJobApplication (after its CollectiveApplication, so index 1).
const std::string ALL_TRAINING_APPLICATIONS =
    "/NodeList/*/ApplicationList/*/$ns3::TrainingJobApplication/";
/// The training job, through rank 0's application.
const std::string TRAINING_JOB = "/NodeList/0/ApplicationList/1/$ns3::TrainingJobApplication/Job/";
/// Its variability model.
const std::string TRAINING_VARIABILITY = TRAINING_JOB + "Variability/";

/// @}

/**
 * @param node a node index
 * @param source a trace source of its NIC
 * @return the context Config::Connect gives that source
 */
std::string
NicContext(uint32_t node, const std::string& source)
{
    return "/NodeList/" + std::to_string(node) + "/DeviceList/0/$ns3::OpticalNetDevice/" + source;
}

/**
 * @param node a node index
 * @param source a trace source of its CollectiveTransport
 * @return the context Config::Connect gives that source
 */
std::string
TransportContext(uint32_t node, const std::string& source)
{
    return "/NodeList/" + std::to_string(node) + "/$ns3::CollectiveTransport/" + source;
}

/// @param v some numbers @return them, separated by spaces (for messages)
std::string
Join(const std::vector<uint32_t>& v)
{
    std::string out;
    for (uint32_t x : v)
    {
        out += (out.empty() ? "" : " ") + std::to_string(x);
    }
    return out;
}

/// One trace source reached by its Config path.
class Probe
{
  public:
    /**
     * @param all the set this probe joins
     * @param path its Config path
     * @param callback the callback typedef its sink follows, as AddTraceSource names it
     * @param withContext connect with Config::Connect (true) or ConnectWithoutContext
     */
    Probe(std::vector<Probe*>& all, std::string path, std::string callback, bool withContext)
        : m_path(std::move(path)),
          m_callback(std::move(callback)),
          m_withContext(withContext)
    {
        all.push_back(this);
    }

    virtual ~Probe() = default;
    Probe(const Probe&) = delete;
    Probe& operator=(const Probe&) = delete;

    /// @return false if the path reached no trace source (Config::Connect*FailSafe)
    virtual bool Connect() = 0;
    /// @return calls received so far
    virtual size_t Count() const = 0;

    /// @return the Config path
    const std::string& GetPath() const
    {
        return m_path;
    }

    /// @return the callback typedef of the sink, e.g. "ns3::Packet::TracedCallback"
    const std::string& GetCallback() const
    {
        return m_callback;
    }

    /// @return the path from its last $TypeId on, to name the probe in messages
    std::string GetLabel() const
    {
        const size_t dollar = m_path.rfind('$');
        return dollar == std::string::npos ? m_path : m_path.substr(dollar);
    }

    /// @return calls by context string (Config::Connect only)
    const std::map<std::string, size_t>& GetByContext() const
    {
        return m_byContext;
    }

    /// Set once connected: the TypeId declaring the source and its name, e.g.
    /// "ns3::OpticalNetDevice/MacTx".
    std::string declared;

  protected:
    const std::string m_path;                  //!< Config path
    const std::string m_callback;              //!< callback typedef name
    const bool m_withContext;                  //!< Config::Connect or ConnectWithoutContext
    std::map<std::string, size_t> m_byContext; //!< calls by context
};

/// A probe whose sink has the signature of a trace source's callback typedef.
template <typename Typedef>
class Sink;

/// A probe whose sink has the signature of the typedef void (*)(Args...).
template <typename... Args>
class Sink<void (*)(Args...)> : public Probe
{
  public:
    using Probe::Probe;

    /// The arguments of one call, kept by value.
    using Call = std::tuple<std::decay_t<Args>...>;

    bool Connect() override
    {
        if (m_withContext)
        {
            return Config::ConnectFailSafe(m_path, MakeCallback(&Sink::OnCallWithContext, this));
        }
        return Config::ConnectWithoutContextFailSafe(m_path, MakeCallback(&Sink::OnCall, this));
    }

    size_t Count() const override
    {
        return calls.size();
    }

    std::vector<Call> calls; //!< every call, in order
    /// For sources passing a packet first: its size when the source fired (the model hands
    /// the same Packet on, so a kept pointer may see headers added or removed later).
    std::vector<uint32_t> sizes;

  private:
    /// The sink for Config::ConnectWithoutContext. @param args the source's arguments
    void OnCall(Args... args)
    {
        Keep(args...);
    }

    /// The sink for Config::Connect. @param context the path @param args its arguments
    void OnCallWithContext(std::string context, Args... args)
    {
        ++m_byContext[context];
        Keep(args...);
    }

    /// Keep a call. @param args its arguments
    void Keep(const std::decay_t<Args>&... args)
    {
        calls.emplace_back(args...);
        KeepSize(args...);
    }

    /// Keep the size of the packet a call starts with, if it does.
    /// @param first the call's first argument @param rest the others
    template <typename First, typename... Rest>
    void KeepSize(const First& first, const Rest&...)
    {
        if constexpr (std::is_same_v<First, Ptr<const Packet>>)
        {
            sizes.push_back(first->GetSize());
        }
    }
};

/// Declares probe NAME: a Sink following ns3::TYPEDEF, connected to PATH (by Config::Connect
/// if CONTEXT, else ConnectWithoutContext). The typedef is named once, so the name the test
/// compares with AddTraceSource's is the one the sink's signature comes from.
#define TRACE_PATHS_PROBE(NAME, TYPEDEF, PATH, CONTEXT)                                            \
    Sink<TYPEDEF> NAME                                                                             \
    {                                                                                              \
        all, PATH, "ns3::" #TYPEDEF, CONTEXT                                                       \
    }

/// A probe on every trace source of the module.
struct Probes
{
    std::vector<Probe*> all; //!< every probe below (each adds itself)

    /// @name OpticalNetDevice, on every NIC
    /// @{
    TRACE_PATHS_PROBE(macTx, Packet::TracedCallback, ALL_NICS + "MacTx", true);
    TRACE_PATHS_PROBE(macTxDrop, Packet::TracedCallback, ALL_NICS + "MacTxDrop", true);
    TRACE_PATHS_PROBE(macPromiscRx, Packet::TracedCallback, ALL_NICS + "MacPromiscRx", true);
    TRACE_PATHS_PROBE(macRx, Packet::TracedCallback, ALL_NICS + "MacRx", true);
    TRACE_PATHS_PROBE(phyTxBegin, Packet::TracedCallback, ALL_NICS + "PhyTxBegin", true);
    TRACE_PATHS_PROBE(phyTxEnd, Packet::TracedCallback, ALL_NICS + "PhyTxEnd", true);
    TRACE_PATHS_PROBE(phyTxDrop, Packet::TracedCallback, ALL_NICS + "PhyTxDrop", true);
    TRACE_PATHS_PROBE(phyRxEnd, Packet::TracedCallback, ALL_NICS + "PhyRxEnd", true);
    TRACE_PATHS_PROBE(phyRxDrop, Packet::TracedCallback, ALL_NICS + "PhyRxDrop", true);
    TRACE_PATHS_PROBE(sniffer, Packet::TracedCallback, ALL_NICS + "Sniffer", true);
    TRACE_PATHS_PROBE(promiscSniffer, Packet::TracedCallback, ALL_NICS + "PromiscSniffer", true);
    TRACE_PATHS_PROBE(nicDrop, OpticalNetDevice::DropTracedCallback, ALL_NICS + "Drop", true);
    /// @}

    /// @name PhotonicCrossbar, through NIC 0
    /// @{
    TRACE_PATHS_PROBE(circuitUp,
                      PhotonicCrossbar::CircuitTracedCallback,
                      CROSSBAR + "CircuitUp",
                      false);
    TRACE_PATHS_PROBE(circuitDown,
                      PhotonicCrossbar::CircuitTracedCallback,
                      CROSSBAR + "CircuitDown",
                      false);
    TRACE_PATHS_PROBE(crossbarDrop, PhotonicCrossbar::DropTracedCallback, CROSSBAR + "Drop", false);
    /// @}

    /// @name The collective layer
    /// @{
    TRACE_PATHS_PROBE(messageReceived,
                      CollectiveTransport::MessageTracedCallback,
                      ALL_TRANSPORTS + "MessageReceived",
                      true);
    TRACE_PATHS_PROBE(creditReceived,
                      CollectiveTransport::CreditTracedCallback,
                      ALL_TRANSPORTS + "CreditReceived",
                      true);
    TRACE_PATHS_PROBE(operationComplete,
                      CollectiveCommunicator::ResultTracedCallback,
                      COMMUNICATOR + "OperationComplete",
                      false);
    TRACE_PATHS_PROBE(rankComplete,
                      CollectiveCommunicator::RankTracedCallback,
                      COMMUNICATOR + "RankComplete",
                      false);
    /// @}
};

/// A probe on every trace source of the electrical fabric (its runs have no optical part).
struct ElectricalProbes
{
    std::vector<Probe*> all; //!< every probe below (each adds itself)

    /// @name PacketNetDevice, on every host NIC
    /// @{
    TRACE_PATHS_PROBE(macTx, Packet::TracedCallback, ALL_PACKET_NICS + "MacTx", true);
    TRACE_PATHS_PROBE(macTxDrop, Packet::TracedCallback, ALL_PACKET_NICS + "MacTxDrop", true);
    TRACE_PATHS_PROBE(macPromiscRx, Packet::TracedCallback, ALL_PACKET_NICS + "MacPromiscRx", true);
    TRACE_PATHS_PROBE(macRx, Packet::TracedCallback, ALL_PACKET_NICS + "MacRx", true);
    TRACE_PATHS_PROBE(phyTxBegin, Packet::TracedCallback, ALL_PACKET_NICS + "PhyTxBegin", true);
    TRACE_PATHS_PROBE(phyTxEnd, Packet::TracedCallback, ALL_PACKET_NICS + "PhyTxEnd", true);
    TRACE_PATHS_PROBE(phyTxDrop, Packet::TracedCallback, ALL_PACKET_NICS + "PhyTxDrop", true);
    TRACE_PATHS_PROBE(phyRxEnd, Packet::TracedCallback, ALL_PACKET_NICS + "PhyRxEnd", true);
    TRACE_PATHS_PROBE(sniffer, Packet::TracedCallback, ALL_PACKET_NICS + "Sniffer", true);
    TRACE_PATHS_PROBE(promiscSniffer,
                      Packet::TracedCallback,
                      ALL_PACKET_NICS + "PromiscSniffer",
                      true);
    TRACE_PATHS_PROBE(nicDrop, PacketNetDevice::DropTracedCallback, ALL_PACKET_NICS + "Drop", true);
    TRACE_PATHS_PROBE(nicCreditStall,
                      PacketEndpoint::CreditStallTracedCallback,
                      ALL_PACKET_NICS + "CreditStall",
                      true);
    TRACE_PATHS_PROBE(nicPauseStall,
                      PacketEndpoint::PauseStallTracedCallback,
                      ALL_PACKET_NICS + "PauseStall",
                      true);
    /// @}

    /// @name PacketSwitch, node 0's leaf
    /// @{
    TRACE_PATHS_PROBE(switchCreditStall,
                      PacketEndpoint::CreditStallTracedCallback,
                      NODE0_SWITCH + "CreditStall",
                      false);
    TRACE_PATHS_PROBE(switchDrop, PacketSwitch::DropTracedCallback, NODE0_SWITCH + "Drop", false);
    TRACE_PATHS_PROBE(switchPauseStall,
                      PacketEndpoint::PauseStallTracedCallback,
                      NODE0_SWITCH + "PauseStall",
                      false);
    TRACE_PATHS_PROBE(switchPfcPause,
                      PacketSwitch::PfcPauseTracedCallback,
                      NODE0_SWITCH + "PfcPause",
                      false);
    TRACE_PATHS_PROBE(switchPfcResume,
                      PacketSwitch::PfcResumeTracedCallback,
                      NODE0_SWITCH + "PfcResume",
                      false);
    /// @}
};

#undef TRACE_PATHS_PROBE

/// What the scenarios covered, shared by the suite's test cases (they run in order).
struct Coverage
{
    std::set<std::string> connected; //!< sources a probe connected to ("ns3::Type/Source")
    std::set<std::string> fired;     //!< sources a scenario saw fire as often as expected
};

/// @return the elements of a that are not in b, separated by spaces
std::string
Missing(const std::set<std::string>& a, const std::set<std::string>& b)
{
    std::string out;
    for (const auto& x : a)
    {
        if (b.count(x) == 0)
        {
            out += (out.empty() ? "" : " ") + x;
        }
    }
    return out;
}

/// @param type a TypeId @param source a trace source name
/// @param info set to the source's information @return the TypeId declaring it, or type
/// itself with info.name empty if neither it nor a parent has that source
TypeId
DeclaringTypeId(TypeId type, const std::string& source, TypeId::TraceSourceInformation& info)
{
    for (TypeId t = type;; t = t.GetParent())
    {
        for (size_t i = 0; i < t.GetTraceSourceN(); ++i)
        {
            if (t.GetTraceSource(i).name == source)
            {
                info = t.GetTraceSource(i);
                return t;
            }
        }
        if (!t.HasParent() || t.GetParent() == t)
        {
            break;
        }
    }
    info = TypeId::TraceSourceInformation();
    return type;
}

/// A run of the fabric with every probe connected; subclasses build it and say what fires.
class TracePathsTestCase : public TestCase
{
  public:
    /// @param name what runs @param coverage shared with the suite's other cases
    TracePathsTestCase(std::string name, Coverage& coverage)
        : TestCase(std::move(name)),
          m_coverage(coverage)
    {
    }

  protected:
    /**
     * @brief Connect every probe by its path, once the path is checked (Resolve).
     * @tparam ProbeSet Probes or ElectricalProbes
     * @param probes the probes
     * @param nodes nodes of the simulation: a path with a wildcard matches one object each
     * @param switchNodes nodes a packet fabric helper added for its switches (they hold no
     *        device, so wildcard device paths do not match them)
     */
    template <typename ProbeSet>
    void ConnectAll(ProbeSet& probes, uint32_t nodes, uint32_t switchNodes = 0)
    {
        NS_TEST_EXPECT_MSG_EQ(NodeList::GetNNodes(),
                              nodes + switchNodes,
                              "the run's nodes are the only ones (paths name node 0)");
        for (Probe* p : probes.all)
        {
            const std::string problem = Resolve(*p, nodes);
            NS_TEST_EXPECT_MSG_EQ(problem, "", p->GetPath());
            // Only then: a sink whose signature differs from the source's aborts the run.
            if (problem.empty())
            {
                const bool connected = p->Connect();
                NS_TEST_EXPECT_MSG_EQ(connected,
                                      true,
                                      "Config::Connect*FailSafe(" << p->GetPath() << ")");
                if (connected)
                {
                    m_coverage.connected.insert(p->declared);
                }
            }
        }
    }

    /**
     * @brief Connect a probe outside Probes (a source only some fabrics have, such as a
     * slotted scheduler's) and count it in the coverage.
     * @param p the probe
     * @param nodes nodes of the simulation
     */
    void ConnectExtra(Probe& p, uint32_t nodes)
    {
        const std::string problem = Resolve(p, nodes);
        NS_TEST_EXPECT_MSG_EQ(problem, "", p.GetPath());
        if (problem.empty() && p.Connect())
        {
            m_coverage.connected.insert(p.declared);
        }
    }

    /**
     * @brief Check the count of a probe outside Probes.
     * @param p the probe
     * @param want calls expected
     */
    void ExpectExtraCount(const Probe& p, size_t want)
    {
        NS_TEST_EXPECT_MSG_EQ(p.Count(), want, GetName() << ": " << p.GetLabel());
        if (want > 0 && p.Count() == want)
        {
            m_coverage.fired.insert(p.declared);
        }
    }

    /**
     * @brief Check a probe's path: it matches the expected objects and ends in a trace source
     * whose callback typedef is the sink's. Sets the probe's declared name.
     * @param p the probe
     * @param nodes nodes of the simulation: a path with a wildcard matches one object each
     * @return what is wrong, or "" if nothing
     */
    static std::string Resolve(Probe& p, uint32_t nodes)
    {
        const std::string& path = p.GetPath();
        const size_t slash = path.rfind('/');
        const std::string objects = path.substr(0, slash);
        const std::string source = path.substr(slash + 1);
        const Config::MatchContainer matches = Config::LookupMatches(objects);
        const size_t expected = path.find('*') == std::string::npos ? 1 : nodes;
        if (matches.GetN() != expected)
        {
            return objects + " matches " + std::to_string(matches.GetN()) + " objects, not " +
                   std::to_string(expected) + " (an attribute or TypeId renamed?)";
        }
        const TypeId type = matches.Get(0)->GetInstanceTypeId();
        TypeId::TraceSourceInformation info;
        const TypeId declaring = DeclaringTypeId(type, source, info);
        if (info.name != source)
        {
            return type.GetName() + " has no trace source " + source;
        }
        if (info.callback != p.GetCallback())
        {
            return declaring.GetName() + " " + source + " names the callback " + info.callback +
                   ", the sink follows " + p.GetCallback();
        }
        p.declared = declaring.GetName() + "/" + source;
        return "";
    }

    /**
     * @brief Check every probe's count: as expected for the listed ones, 0 for the others.
     * @tparam ProbeSet Probes or ElectricalProbes
     * @param probes the probes
     * @param expected calls by probe
     */
    template <typename ProbeSet>
    void ExpectCounts(const ProbeSet& probes, const std::map<const Probe*, size_t>& expected)
    {
        for (const Probe* p : probes.all)
        {
            const auto it = expected.find(p);
            const size_t want = it == expected.end() ? 0 : it->second;
            NS_TEST_EXPECT_MSG_EQ(p->Count(), want, GetName() << ": " << p->GetLabel());
            if (want > 0 && p->Count() == want)
            {
                m_coverage.fired.insert(p->declared);
            }
        }
    }

    /// @param probe a probe connected with context @param contexts calls expected by context
    void ExpectContexts(const Probe& probe, const std::map<std::string, size_t>& contexts)
    {
        NS_TEST_EXPECT_MSG_EQ(probe.GetByContext().size(),
                              contexts.size(),
                              probe.GetLabel() << ": contexts");
        for (const auto& [context, n] : contexts)
        {
            const auto it = probe.GetByContext().find(context);
            NS_TEST_EXPECT_MSG_EQ((it == probe.GetByContext().end() ? 0 : it->second),
                                  n,
                                  probe.GetLabel() << " from " << context);
        }
    }

    /// @param fabric a fabric of raw frames: give it an idle collective layer, so that every
    /// path resolves and the collective sources can be checked to stay silent
    static void AddIdleCollectives(TestFabric& fabric)
    {
        CollectiveHelper().Install(fabric.devices);
    }

  private:
    Coverage& m_coverage; //!< what the suite covered
};

/// Ring all-reduce over on-demand circuits: the traffic sources, the collective ones and
/// CircuitUp.
class AllReduceTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite
    explicit AllReduceTestCase(Coverage& coverage)
        : TracePathsTestCase("ring all-reduce, 4 ranks, 2 sizes: every frame traced once per "
                             "send and once per receive, 4 circuits, 2 operations",
                             coverage)
    {
    }

  private:
    /// Ranks.
    static constexpr uint32_t RANKS = 4;

    void DoRun() override
    {
        Probes probes;
        std::vector<Probe*> extra; // outside Probes: checked on its own below
        Sink<PhotonicCrossbar::CircuitTracedCallback> upViaAllNics{
            extra,
            CROSSBAR_VIA_ALL_NICS + "CircuitUp",
            "ns3::PhotonicCrossbar::CircuitTracedCallback",
            true};
        uint32_t promiscuous = 0;

        CollectiveRunConfig c;
        c.ranks = RANKS;
        c.staticCircuits = false; // on-demand: each rank's first send sets its circuit up
        c.sizes = {4000, 8000};   // ring messages of n / p = 1000 and 2000 bytes
        c.sendCredits = 8;        // a credit back per message
        c.beforeRun = [&]() {
            ConnectAll(probes, RANKS);
            NS_TEST_ASSERT_MSG_EQ(upViaAllNics.Connect(), true, upViaAllNics.GetPath());
            // MacPromiscRx fires only on a device with a promiscuous receive callback: ask
            // each node for every frame in promiscuous mode.
            for (uint32_t i = 0; i < NodeList::GetNNodes(); ++i)
            {
                Ptr<Node> node = NodeList::GetNode(i);
                node->RegisterProtocolHandler(
                    [&promiscuous](Ptr<NetDevice>,
                                   Ptr<const Packet>,
                                   uint16_t,
                                   const Address&,
                                   const Address&,
                                   NetDevice::PacketType) { ++promiscuous; },
                    0,
                    node->GetDevice(0),
                    true);
            }
        };
        const CollectiveRunOutcome out = RunCollective(c);

        // A ring all-reduce sends 2 (p - 1) messages per rank and operation, each one frame:
        // 4 x 6 x 2 = 48 frames, each sent once and received once.
        const size_t frames = 2 * RANKS * 2 * (RANKS - 1);
        NS_TEST_ASSERT_MSG_EQ(out.results.size(), 2, "both operations completed");
        ExpectCounts(probes,
                     {
                         {&probes.macTx, frames},
                         {&probes.phyTxBegin, frames},
                         {&probes.phyTxEnd, frames},
                         {&probes.phyRxEnd, frames},
                         {&probes.macRx, frames},
                         {&probes.macPromiscRx, frames},
                         {&probes.sniffer, 2 * frames},        // sent and received
                         {&probes.promiscSniffer, 2 * frames}, // sent and received
                         {&probes.circuitUp, RANKS},           // rank i -> i + 1, kept
                         {&probes.messageReceived, frames},    // a message per frame
                         {&probes.creditReceived, frames},     // a credit per message
                         {&probes.operationComplete, 2},       // one per size
                         {&probes.rankComplete, 8},            // one per rank and size
                     });
        NS_TEST_EXPECT_MSG_EQ(promiscuous, frames, "the promiscuous handler saw every frame");

        // Per NIC: 12 frames sent, 12 received.
        std::map<std::string, size_t> sent;
        std::map<std::string, size_t> messages;
        std::map<std::string, size_t> credits;
        for (uint32_t i = 0; i < RANKS; ++i)
        {
            sent[NicContext(i, "MacTx")] = frames / RANKS;
            messages[TransportContext(i, "MessageReceived")] = frames / RANKS;
            credits[TransportContext(i, "CreditReceived")] = frames / RANKS;
        }
        ExpectContexts(probes.macTx, sent);
        ExpectContexts(probes.messageReceived, messages);
        ExpectContexts(probes.creditReceived, credits); // on the sender's node

        // The circuits: each rank to the next, lane 0.
        std::set<std::tuple<uint32_t, uint32_t, uint32_t, uint32_t>> ring;
        for (const auto& call : probes.circuitUp.calls)
        {
            ring.insert(call);
        }
        for (uint32_t i = 0; i < RANKS; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(ring.count({i, 0, (i + 1) % RANKS, 0}),
                                  1,
                                  "CircuitUp " << i << " -> " << (i + 1) % RANKS);
        }
        // The same crossbar through every NIC is connected once per NIC.
        NS_TEST_EXPECT_MSG_EQ(upViaAllNics.Count(),
                              RANKS * RANKS,
                              "CircuitUp through all NICs: once per circuit and NIC");
        NS_TEST_EXPECT_MSG_EQ(upViaAllNics.GetByContext().size(), RANKS, "one context per NIC");

        // Messages carry n / p data bytes; operations report their size, in order.
        uint64_t bytes = 0;
        for (const auto& [header] : probes.messageReceived.calls)
        {
            bytes += header.messageBytes;
        }
        // Each operation: p ranks x 2 (p - 1) messages of n / p bytes.
        NS_TEST_EXPECT_MSG_EQ(bytes, 2 * (RANKS - 1) * (c.sizes[0] + c.sizes[1]), "message bytes");
        NS_TEST_EXPECT_MSG_EQ(bytes, out.received, "as the transports count them");
        for (uint32_t i = 0; i < probes.operationComplete.calls.size() && i < c.sizes.size(); ++i)
        {
            const CollectiveResult& r = std::get<0>(probes.operationComplete.calls[i]);
            NS_TEST_EXPECT_MSG_EQ(r.sequence, i, "operations in order");
            NS_TEST_EXPECT_MSG_EQ(r.bytes, c.sizes[i], "operation size");
        }
    }
};

/// Raw frames from one NIC to two peers in turn: on-demand circuits go up and down.
class CircuitChurnTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite
    explicit CircuitChurnTestCase(Coverage& coverage)
        : TracePathsTestCase("on-demand circuits 0->1, 0->2, 0->1: 3 CircuitUp, 2 CircuitDown, "
                             "3 Reconfiguration",
                             coverage)
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig config;
        config.nodes = 3;
        TestFabric f(config);
        f.crossbar->SetAttribute("ReconfigurationEnergyJoules", DoubleValue(0.25));
        AddIdleCollectives(f);
        Probes probes;
        ConnectAll(probes, config.nodes);
        std::vector<Probe*> extra;
        Sink<PhotonicCrossbar::ReconfigurationTracedCallback> reconfiguration{
            extra,
            CROSSBAR + "Reconfiguration",
            "ns3::PhotonicCrossbar::ReconfigurationTracedCallback",
            false};
        ConnectExtra(reconfiguration, config.nodes);
        // Each frame is delivered in about 1.3 us; the next one needs the lane for another
        // peer, so the idle circuit is torn down and a new one set up.
        f.SendAt(Seconds(0), 0, 1, 1000);
        f.SendAt(MicroSeconds(10), 0, 2, 1000);
        f.SendAt(MicroSeconds(20), 0, 1, 1000);
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 3, "every frame arrives");
        ExpectCounts(probes,
                     {
                         {&probes.macTx, 3},
                         {&probes.phyTxBegin, 3},
                         {&probes.phyTxEnd, 3},
                         {&probes.phyRxEnd, 3},
                         {&probes.macRx, 3},
                         {&probes.sniffer, 6},
                         {&probes.promiscSniffer, 6},
                         {&probes.circuitUp, 3},
                         {&probes.circuitDown, 2},
                     }); // MacPromiscRx stays silent: no promiscuous receive callback here
        using Circuit = std::tuple<uint32_t, uint32_t, uint32_t, uint32_t>;
        const std::vector<Circuit> up{{0, 0, 1, 0}, {0, 0, 2, 0}, {0, 0, 1, 0}};
        const std::vector<Circuit> down{{0, 0, 1, 0}, {0, 0, 2, 0}};
        NS_TEST_EXPECT_MSG_EQ((probes.circuitUp.calls == up), true, "CircuitUp arguments");
        NS_TEST_EXPECT_MSG_EQ((probes.circuitDown.calls == down), true, "CircuitDown arguments");
        // Every on-demand set-up takes ReconfigurationTime (1 us), so each is a reconfiguration.
        ExpectExtraCount(reconfiguration, 3);
        using Reconfiguration = std::tuple<uint32_t, uint32_t, double>;
        const std::vector<Reconfiguration> joules{{0, 1, 0.25}, {0, 2, 0.25}, {0, 1, 0.25}};
        NS_TEST_EXPECT_MSG_EQ((reconfiguration.calls == joules),
                              true,
                              "Reconfiguration arguments: (source, destination, J)");
        Simulator::Destroy();
    }
};

/// Frames the sending NIC refuses: MacTxDrop and Drop, with their reasons.
class RefusedAtNicTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite
    explicit RefusedAtNicTestCase(Coverage& coverage)
        : TracePathsTestCase("unknown destination, frame too large, queue full, circuit "
                             "rejected: MacTxDrop and Drop once each",
                             coverage)
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig config;
        config.nodes = 3;
        config.staticRing = true; // circuits 0->1, 1->2, 2->0, up from the start
        config.maxQueueBytes = 2048;
        TestFabric f(config);
        AddIdleCollectives(f);
        Probes probes;
        ConnectAll(probes, config.nodes);
        Ptr<OpticalNetDevice> nic = f.Dev(0);
        const Address one = f.Dev(1)->GetAddress();
        const Address two = f.Dev(2)->GetAddress();
        Simulator::ScheduleWithContext(f.nodes.Get(0)->GetId(), Seconds(0), [=]() {
            nic->Send(Create<Packet>(1000), Mac48Address("02:00:00:00:99:99"), TEST_PROTOCOL);
            nic->Send(Create<Packet>(2000), one, 0x0800);        // IPv4 above the 1500-byte Mtu
            nic->Send(Create<Packet>(3000), one, TEST_PROTOCOL); // above MaxQueueBytes
            nic->Send(Create<Packet>(1000), two, TEST_PROTOCOL); // no circuit 0->2, ever
            nic->Send(Create<Packet>(1000), one, TEST_PROTOCOL); // delivered
        });
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 1, "one frame arrives");
        // MacTx fires once the size is checked: for every frame but the one too large.
        ExpectCounts(probes,
                     {
                         {&probes.macTx, 4},
                         {&probes.macTxDrop, 4},
                         {&probes.nicDrop, 4},
                         {&probes.phyTxBegin, 1},
                         {&probes.phyTxEnd, 1},
                         {&probes.phyRxEnd, 1},
                         {&probes.macRx, 1},
                         {&probes.sniffer, 2},
                         {&probes.promiscSniffer, 2},
                         {&probes.circuitUp, 3}, // the static ring, at the start
                     });
        const std::vector<DropReason> reasons{DropReason::UNKNOWN_DESTINATION,
                                              DropReason::FRAME_TOO_LARGE,
                                              DropReason::QUEUE_FULL,
                                              DropReason::CIRCUIT_REJECTED};
        for (size_t i = 0; i < probes.nicDrop.calls.size() && i < reasons.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(ToString(std::get<1>(probes.nicDrop.calls[i])),
                                  ToString(reasons[i]),
                                  "Drop reason of frame " << i);
        }
        ExpectContexts(probes.nicDrop, {{NicContext(0, "Drop"), 4}});
        // Sizes when each source fired. Frames carry the MAC header from the queue to the
        // receiver's PHY; a rejected frame had been queued, so its drop carries it too.
        const uint32_t frame = 1000 + MAC_HEADER;
        NS_TEST_EXPECT_MSG_EQ(Join(probes.macTx.sizes), Join({1000, 3000, 1000, 1000}), "MacTx");
        NS_TEST_EXPECT_MSG_EQ(Join(probes.macTxDrop.sizes),
                              Join({1000, 2000, 3000, frame}),
                              "MacTxDrop");
        NS_TEST_EXPECT_MSG_EQ(Join(probes.nicDrop.sizes), Join({1000, 2000, 3000, frame}), "Drop");
        NS_TEST_EXPECT_MSG_EQ(Join(probes.phyTxBegin.sizes), Join({frame}), "PhyTxBegin");
        NS_TEST_EXPECT_MSG_EQ(Join(probes.phyTxEnd.sizes), Join({frame}), "PhyTxEnd");
        NS_TEST_EXPECT_MSG_EQ(Join(probes.sniffer.sizes), Join({frame, frame}), "Sniffer");
        NS_TEST_EXPECT_MSG_EQ(Join(probes.phyRxEnd.sizes), Join({frame}), "PhyRxEnd");
        NS_TEST_EXPECT_MSG_EQ(Join(probes.macRx.sizes), Join({1000}), "MacRx: no header");
        Simulator::Destroy();
    }
};

/// A NIC that launches frames without waiting for its circuit: the crossbar drops them.
class DroppedAtCrossbarTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite
    explicit DroppedAtCrossbarTestCase(Coverage& coverage)
        : TracePathsTestCase("WaitForCircuit = false: Reconfiguring and NoCircuit drops fire "
                             "the crossbar's Drop, PhyTxDrop and Drop",
                             coverage)
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig config;
        config.nodes = 3;
        config.waitForCircuit = false;
        TestFabric f(config);
        AddIdleCollectives(f);
        Probes probes;
        ConnectAll(probes, config.nodes);
        Ptr<PhotonicCrossbar> crossbar = f.crossbar;
        // A circuit 0->1, usable from 1 us. A blind NIC asks for none: the test sets it up.
        Simulator::Schedule(Seconds(0), [crossbar]() { crossbar->EstablishCircuit(0, 0, 1, 0); });
        f.SendAt(Seconds(0), 0, 1, 1000);      // reaches the crossbar during set-up
        f.SendAt(MicroSeconds(2), 0, 1, 1000); // on the circuit: delivered
        f.SendAt(MicroSeconds(4), 0, 2, 1000); // the lane's circuit goes elsewhere
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 1, "one frame arrives");
        ExpectCounts(probes,
                     {
                         {&probes.macTx, 3},
                         {&probes.phyTxBegin, 3},
                         {&probes.phyTxEnd, 3},
                         {&probes.sniffer, 4}, // 3 sent, 1 received
                         {&probes.promiscSniffer, 4},
                         {&probes.phyTxDrop, 2},
                         {&probes.nicDrop, 2},
                         {&probes.crossbarDrop, 2},
                         {&probes.phyRxEnd, 1},
                         {&probes.macRx, 1},
                         {&probes.circuitUp, 1},
                     });
        const std::vector<DropReason> reasons{DropReason::RECONFIGURING, DropReason::NO_CIRCUIT};
        for (size_t i = 0; i < probes.crossbarDrop.calls.size() && i < reasons.size(); ++i)
        {
            const auto& call = probes.crossbarDrop.calls[i];
            NS_TEST_EXPECT_MSG_EQ(ToString(std::get<1>(call)),
                                  ToString(reasons[i]),
                                  "crossbar Drop " << i);
            NS_TEST_EXPECT_MSG_EQ(std::get<2>(call), 0, "input port");
        }
        const uint32_t frame = 1000 + MAC_HEADER;
        NS_TEST_EXPECT_MSG_EQ(Join(probes.crossbarDrop.sizes), Join({frame, frame}), "frames");
        NS_TEST_EXPECT_MSG_EQ(Join(probes.phyTxDrop.sizes), Join({frame, frame}), "PhyTxDrop");
        NS_TEST_EXPECT_MSG_EQ(Join(probes.nicDrop.sizes), Join({frame, frame}), "Drop");
        for (size_t i = 0; i < probes.nicDrop.calls.size() && i < reasons.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(ToString(std::get<1>(probes.nicDrop.calls[i])),
                                  ToString(reasons[i]),
                                  "NIC Drop " << i);
        }
        ExpectContexts(probes.phyTxDrop, {{NicContext(0, "PhyTxDrop"), 2}});
        Simulator::Destroy();
    }
};

/// A path whose power budget does not close: the receiver cannot decode the frame.
class LinkBudgetTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite
    explicit LinkBudgetTestCase(Coverage& coverage)
        : TracePathsTestCase("30 km fibers: PhyRxDrop and Drop (LinkBudget) at the receiver",
                             coverage)
    {
    }

  private:
    void DoRun() override
    {
        // Margin 9 dB - 0.7 dB per km of each fiber (doc: Link budget): -12 dB at 30 km.
        FabricConfig config;
        config.fiberMeters = 30000;
        config.staticCircuits = {{0, 1}};
        TestFabric f(config);
        AddIdleCollectives(f);
        Probes probes;
        ConnectAll(probes, config.nodes);
        f.SendAt(Seconds(0), 0, 1, 1000);
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 0, "nothing is decoded");
        ExpectCounts(probes,
                     {
                         {&probes.macTx, 1},
                         {&probes.phyTxBegin, 1},
                         {&probes.phyTxEnd, 1},
                         {&probes.sniffer, 1}, // sent only: an undecoded frame is not sniffed
                         {&probes.promiscSniffer, 1},
                         {&probes.phyRxDrop, 1},
                         {&probes.nicDrop, 1},
                         {&probes.circuitUp, 1},
                     });
        ExpectContexts(probes.phyRxDrop, {{NicContext(1, "PhyRxDrop"), 1}});
        ExpectContexts(probes.nicDrop, {{NicContext(1, "Drop"), 1}});
        NS_TEST_EXPECT_MSG_EQ(Join(probes.phyRxDrop.sizes), Join({1000 + MAC_HEADER}), "frame");
        if (!probes.nicDrop.calls.empty())
        {
            NS_TEST_EXPECT_MSG_EQ(ToString(std::get<1>(probes.nicDrop.calls[0])),
                                  ToString(DropReason::LINK_BUDGET),
                                  "reason");
        }
        Simulator::Destroy();
    }
};

/// A congested leaf-spine: two hosts of leaf 0 send to one host of leaf 1, with buffers of 2
/// cells per port, so NICs and switches wait for credit.
class ElectricalCongestionTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite's other cases
    explicit ElectricalCongestionTestCase(Coverage& coverage)
        : TracePathsTestCase("electrical: incast across leaves, credit stalls", coverage)
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(4);
        LeafSpineHelper fabric;
        fabric.SetRadix(4); // 2 hosts and 2 spines per leaf
        fabric.SetSwitchAttribute("BufferBytes", UintegerValue(4 * 2 * (4096 + MAC_HEADER)));
        NetDeviceContainer devices = fabric.Install(nodes);
        uint32_t received = 0;
        for (uint32_t i = 0; i < nodes.GetN(); ++i)
        {
            nodes.Get(i)->RegisterProtocolHandler(
                MakeCallback(&ElectricalCongestionTestCase::Receive, this),
                TEST_PROTOCOL,
                nullptr,
                true); // promiscuous: the device's promiscuous path fires too
        }
        ElectricalProbes probes;
        ConnectAll(probes, nodes.GetN(), fabric.GetSwitchNodes().GetN());
        const uint32_t framesPerSender = 2;
        for (uint32_t s : {0, 1})
        {
            for (uint32_t k = 0; k < framesPerSender; ++k)
            {
                devices.Get(s)->Send(Create<Packet>(8 * 4096),
                                     devices.Get(3)->GetAddress(),
                                     TEST_PROTOCOL);
            }
        }
        Simulator::Run();
        received = m_received;
        const size_t frames = 2 * framesPerSender;
        NS_TEST_ASSERT_MSG_EQ(received, frames, "every frame received");
        size_t nicStalls = 0;
        for (uint32_t i = 0; i < devices.GetN(); ++i)
        {
            nicStalls += DynamicCast<PacketNetDevice>(devices.Get(i))->GetCreditStalls(0);
        }
        Ptr<PacketSwitch> leaf0 = fabric.GetSwitches().at(0);
        size_t switchStalls = 0;
        for (uint32_t p = 0; p < leaf0->GetNPacketPorts(); ++p)
        {
            switchStalls += leaf0->GetCreditStalls(p);
        }
        NS_TEST_EXPECT_MSG_GT(nicStalls, 0, "the senders waited for credit");
        NS_TEST_EXPECT_MSG_GT(switchStalls, 0, "leaf 0 waited for credit");
        ExpectCounts(probes,
                     {
                         {&probes.macTx, frames},
                         {&probes.phyTxBegin, frames},
                         {&probes.phyTxEnd, frames},
                         {&probes.phyRxEnd, frames},
                         {&probes.macRx, frames},
                         {&probes.macPromiscRx, frames},
                         {&probes.sniffer, 2 * frames},        // sent and received
                         {&probes.promiscSniffer, 2 * frames}, // sent and received
                         {&probes.nicCreditStall, nicStalls},  // once per stall, at its end
                         {&probes.switchCreditStall, switchStalls},
                     });
        ExpectContexts(probes.macRx,
                       {{"/NodeList/3/DeviceList/0/$ns3::PacketNetDevice/MacRx", frames}});
        Simulator::Destroy();
    }

    /// Protocol handler of every node.
    void Receive(Ptr<NetDevice>,
                 Ptr<const Packet>,
                 uint16_t,
                 const Address&,
                 const Address&,
                 NetDevice::PacketType)
    {
        ++m_received;
    }

    uint32_t m_received{0}; //!< frames received
};

/// The same incast under PFC with thresholds of a few cells: the leaves pause the spines, the
/// spines leaf 0, leaf 0 its hosts; every pause and every wait for a resume is traced.
class ElectricalPfcTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite's other cases
    explicit ElectricalPfcTestCase(Coverage& coverage)
        : TracePathsTestCase("electrical: incast across leaves, PFC pauses", coverage)
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(4);
        LeafSpineHelper fabric;
        fabric.SetRadix(4); // 2 hosts and 2 spines per leaf
        const uint64_t cell = 4096 + MAC_HEADER;
        const uint64_t headroom = 69800 + 2 * cell; // (2 x 49 ns + 600 ns) x 800 Gb/s + 2 cells
        fabric.SetSwitchAttribute("FlowControl", StringValue("pfc"));
        fabric.SetSwitchAttribute("BufferBytes", UintegerValue(4 * (2 * cell + headroom)));
        fabric.SetSwitchAttribute("PfcHeadroomBytes", UintegerValue(headroom));
        fabric.SetSwitchAttribute("PfcXoffBytes", UintegerValue(2 * cell));
        fabric.SetSwitchAttribute("PfcXonBytes", UintegerValue(cell));
        NetDeviceContainer devices = fabric.Install(nodes);
        ElectricalProbes probes;
        ConnectAll(probes, nodes.GetN(), fabric.GetSwitchNodes().GetN());
        const size_t frames = 4;
        for (uint32_t s : {0, 1})
        {
            for (uint32_t k = 0; k < frames / 2; ++k)
            {
                devices.Get(s)->Send(Create<Packet>(32 * 4096),
                                     devices.Get(3)->GetAddress(),
                                     TEST_PROTOCOL);
            }
        }
        Simulator::Run();
        size_t nicWaits = 0;
        for (uint32_t i = 0; i < devices.GetN(); ++i)
        {
            nicWaits += DynamicCast<PacketNetDevice>(devices.Get(i))->GetPauseStalls(0);
        }
        Ptr<PacketSwitch> leaf0 = fabric.GetSwitches().at(0);
        size_t switchWaits = 0;
        size_t pauses = 0;
        size_t resumes = 0;
        for (uint32_t p = 0; p < leaf0->GetNPacketPorts(); ++p)
        {
            switchWaits += leaf0->GetPauseStalls(p);
            pauses += leaf0->GetPausesSent(p);
            resumes += leaf0->GetResumesSent(p);
        }
        NS_TEST_EXPECT_MSG_GT(nicWaits, 0, "the senders waited for a resume");
        NS_TEST_EXPECT_MSG_GT(switchWaits, 0, "leaf 0 waited for a resume");
        NS_TEST_EXPECT_MSG_GT(pauses, 0, "leaf 0 paused its hosts");
        NS_TEST_EXPECT_MSG_EQ(pauses, resumes, "and resumed them");
        ExpectCounts(probes,
                     {
                         {&probes.macTx, frames},
                         {&probes.phyTxBegin, frames},
                         {&probes.phyTxEnd, frames},
                         {&probes.phyRxEnd, frames},
                         {&probes.macRx, frames},
                         {&probes.sniffer, 2 * frames},
                         {&probes.promiscSniffer, 2 * frames},
                         {&probes.nicPauseStall, nicWaits}, // once per wait, at its end
                         {&probes.switchPauseStall, switchWaits},
                         {&probes.switchPfcPause, pauses},
                         {&probes.switchPfcResume, resumes},
                     });
        Simulator::Destroy();
    }
};

/// Losses on a packet fabric: a frame too large for the Mtu, and one its switch cannot route.
class ElectricalDropTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite's other cases
    explicit ElectricalDropTestCase(Coverage& coverage)
        : TracePathsTestCase("electrical: frame too large, no route", coverage)
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(2);
        NetDeviceContainer devices;
        for (uint32_t i = 0; i < 2; ++i)
        {
            Ptr<PacketNetDevice> dev = CreateObject<PacketNetDevice>();
            dev->SetAddress(Mac48Address::Allocate());
            nodes.Get(i)->AddDevice(dev);
            devices.Add(dev);
        }
        Ptr<PacketSwitch> sw = CreateObject<PacketSwitch>();
        sw->SetAttribute("NumPorts", UintegerValue(2));
        sw->AddDownRoute(0, 0, 0, 1); // no route to host 1
        const Mac48Address first = Mac48Address::ConvertFrom(devices.Get(0)->GetAddress());
        for (uint32_t i = 0; i < 2; ++i)
        {
            DynamicCast<PacketNetDevice>(devices.Get(i))
                ->Attach(CreateObject<PacketLink>(), PeekPointer(sw), i, i, first, 2);
        }
        ElectricalProbes probes;
        ConnectAll(probes, 2);
        devices.Get(0)->Send(Create<Packet>(5000), devices.Get(1)->GetAddress(), 0x0800);
        devices.Get(0)->Send(Create<Packet>(1000), devices.Get(1)->GetAddress(), TEST_PROTOCOL);
        Simulator::Run();
        ExpectCounts(probes,
                     {
                         {&probes.macTxDrop, 1}, // 5000 bytes of IPv4 over an Mtu of 4096
                         {&probes.macTx, 1},
                         {&probes.phyTxBegin, 1},
                         {&probes.phyTxEnd, 1},
                         {&probes.sniffer, 1},
                         {&probes.promiscSniffer, 1},
                         {&probes.switchDrop, 1},
                         {&probes.phyTxDrop, 1}, // at the sender, as its frame is lost
                         {&probes.nicDrop, 2},
                     });
        if (probes.nicDrop.calls.size() == 2)
        {
            NS_TEST_EXPECT_MSG_EQ(ToString(std::get<1>(probes.nicDrop.calls[0])),
                                  ToString(DropReason::FRAME_TOO_LARGE),
                                  "first reason");
            NS_TEST_EXPECT_MSG_EQ(ToString(std::get<1>(probes.nicDrop.calls[1])),
                                  ToString(DropReason::NO_ROUTE),
                                  "second reason");
        }
        const ByteCounters& bytes = sw->GetByteCounters();
        NS_TEST_EXPECT_MSG_EQ(bytes.GetDropped(DropReason::NO_ROUTE), 1000 + MAC_HEADER, "switch");
        Simulator::Destroy();
    }
};

/// A rotor scheduler: its Slot source, and circuits set up and torn down every slot.
class RotorSlotsTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite
    explicit RotorSlotsTestCase(Coverage& coverage)
        : TracePathsTestCase("rotor, 3 ports, frames 0->1 and 0->2: 2 slots, 6 CircuitUp, "
                             "6 CircuitDown, then the cycle pauses",
                             coverage)
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig config;
        config.nodes = 3;
        config.reconfiguration = NanoSeconds(100);
        Ptr<RotorCircuitScheduler> rotor = CreateObject<RotorCircuitScheduler>();
        rotor->SetAttribute("SlotTime", TimeValue(MicroSeconds(1)));
        config.scheduler = rotor;
        TestFabric f(config);
        AddIdleCollectives(f);
        Probes probes;
        ConnectAll(probes, config.nodes);
        std::vector<Probe*> extra;
        Sink<SlottedCircuitScheduler::SlotTracedCallback> slot{
            extra,
            CROSSBAR + "Scheduler/Slot",
            "ns3::SlottedCircuitScheduler::SlotTracedCallback",
            false};
        ConnectExtra(slot, config.nodes);
        // Slot 0 joins i -> i + 1, slot 1 i -> i + 2; at 2 us nothing waits: the cycle pauses.
        f.SendAt(Seconds(0), 0, 1, 1000);
        f.SendAt(Seconds(0), 0, 2, 1000);
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 2, "both frames arrive");
        ExpectCounts(probes,
                     {
                         {&probes.macTx, 2},
                         {&probes.phyTxBegin, 2},
                         {&probes.phyTxEnd, 2},
                         {&probes.phyRxEnd, 2},
                         {&probes.macRx, 2},
                         {&probes.sniffer, 4},
                         {&probes.promiscSniffer, 4},
                         {&probes.circuitUp, 6},   // 3 ports x 2 slots
                         {&probes.circuitDown, 6}, // at 1 us and at 2 us
                     });
        ExpectExtraCount(slot, 2);
        using Call = std::tuple<uint64_t, uint32_t>;
        NS_TEST_EXPECT_MSG_EQ((slot.calls == std::vector<Call>{{0, 1}, {1, 2}}),
                              true,
                              "Slot arguments: (slot, shift)");
        NS_TEST_EXPECT_MSG_EQ(Simulator::Now(), MicroSeconds(2), "the run ends at slot 2");
        Simulator::Destroy();
    }
};

/// A multi-stage fabric: its stages' Blocked source, once per request left without a path.
class MultiStageBlockedTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite
    explicit MultiStageBlockedTestCase(Coverage& coverage)
        : TracePathsTestCase("Clos with k = 2, m = 1, frames 0->2 and 1->3: 1->3 is blocked "
                             "once, then set up: 2 CircuitUp, 1 CircuitDown",
                             coverage)
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig config;
        config.nodes = 4;
        config.stages = CreateObject<ClosFabric>();
        config.stages->SetAttribute("EdgePorts", UintegerValue(2));
        config.stages->SetAttribute("MiddleSwitches", UintegerValue(1));
        TestFabric f(config);
        AddIdleCollectives(f);
        Probes probes;
        ConnectAll(probes, config.nodes);
        std::vector<Probe*> extra;
        Sink<ClosFabric::BlockedTracedCallback> blocked{extra,
                                                        CROSSBAR + "Stages/Blocked",
                                                        "ns3::ClosFabric::BlockedTracedCallback",
                                                        false};
        ConnectExtra(blocked, config.nodes);
        f.SendAt(Seconds(0), 0, 2, 1000);
        f.SendAt(Seconds(0), 1, 3, 1000);
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 2, "both frames arrive");
        ExpectCounts(probes,
                     {
                         {&probes.macTx, 2},
                         {&probes.phyTxBegin, 2},
                         {&probes.phyTxEnd, 2},
                         {&probes.phyRxEnd, 2},
                         {&probes.macRx, 2},
                         {&probes.sniffer, 4},
                         {&probes.promiscSniffer, 4},
                         {&probes.circuitUp, 2},
                         {&probes.circuitDown, 1}, // 0->2, idle, torn down for the path
                     });
        ExpectExtraCount(blocked, 1);
        using Call = std::tuple<uint32_t, uint32_t>;
        NS_TEST_EXPECT_MSG_EQ((blocked.calls == std::vector<Call>{{1, 3}}),
                              true,
                              "Blocked arguments: (source, destination)");
        Simulator::Destroy();
    }
};

/// Faults on the optical fabric: the injector's and the crossbar's sources.
class OpticalFaultsTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite
    explicit OpticalFaultsTestCase(Coverage& coverage)
        : TracePathsTestCase("faults, optical: a failed set-up and a fiber cut at 10 us, "
                             "repaired at 20 us: 2 FaultInjected, 1 Repaired, 2 PortState, "
                             "1 SetUpFailed",
                             coverage)
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig config;
        config.nodes = 3;
        TestFabric f(config);
        FaultHelper faults;
        faults.FailSetUp(f.crossbar, 0, Seconds(0));
        faults.FailFiber(f.Dev(2), MicroSeconds(10), MicroSeconds(20));
        std::vector<Probe*> extra;
        Sink<FaultInjector::FaultTracedCallback> injected{extra,
                                                          "/Names/faults/FaultInjected",
                                                          "ns3::FaultInjector::FaultTracedCallback",
                                                          false};
        Sink<FaultInjector::FaultTracedCallback> repaired{extra,
                                                          "/Names/faults/Repaired",
                                                          "ns3::FaultInjector::FaultTracedCallback",
                                                          false};
        Sink<PhotonicCrossbar::PortStateTracedCallback> portState{
            extra,
            CROSSBAR + "PortState",
            "ns3::PhotonicCrossbar::PortStateTracedCallback",
            false};
        Sink<PhotonicCrossbar::SetUpFailedTracedCallback> setUpFailed{
            extra,
            CROSSBAR + "SetUpFailed",
            "ns3::PhotonicCrossbar::SetUpFailedTracedCallback",
            false};
        for (Probe* p : extra)
        {
            ConnectExtra(*p, config.nodes);
        }
        f.SendAt(Seconds(0), 0, 1, 1000);
        Simulator::Run();
        ExpectExtraCount(injected, 2);
        ExpectExtraCount(repaired, 1);
        ExpectExtraCount(portState, 2);
        ExpectExtraCount(setUpFailed, 1);
        using State = std::tuple<uint32_t, bool>;
        NS_TEST_EXPECT_MSG_EQ((portState.calls == std::vector<State>{{2, false}, {2, true}}),
                              true,
                              "PortState arguments: (port, up)");
        NS_TEST_EXPECT_MSG_EQ((std::get<1>(repaired.calls.at(0)) == MicroSeconds(20)),
                              true,
                              "Repaired: the time");
        Simulator::Destroy();
        Names::Clear();
    }
};

/// Faults on the electrical fabric: a switch's route changes.
class ElectricalFaultsTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite
    explicit ElectricalFaultsTestCase(Coverage& coverage)
        : TracePathsTestCase("faults, electrical: leaf 0's first uplink down at 0, repaired at "
                             "2 ms: 2 RouteChange (out at 1 ms, FailureDetectionTime; back at "
                             "2 ms)",
                             coverage)
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(4);
        LeafSpineHelper fabric;
        fabric.SetRadix(4);
        fabric.Install(nodes);
        Ptr<PacketSwitch> leaf0 = fabric.GetSwitches().at(0);
        FaultHelper faults;
        faults.FailLink(leaf0->GetPortLink(2), Seconds(0), MilliSeconds(2));
        std::vector<Probe*> extra;
        Sink<PacketSwitch::RouteChangeTracedCallback> routeChange{
            extra,
            NODE0_SWITCH + "RouteChange",
            "ns3::PacketSwitch::RouteChangeTracedCallback",
            false};
        ConnectExtra(routeChange, 4);
        Simulator::Run();
        ExpectExtraCount(routeChange, 2);
        using Change = std::tuple<uint32_t, bool>;
        NS_TEST_EXPECT_MSG_EQ((routeChange.calls == std::vector<Change>{{2, false}, {2, true}}),
                              true,
                              "RouteChange arguments: (port, usable)");
        Simulator::Destroy();
        Names::Clear();
    }
};

/// A training job: its per-rank iterations, steps, end, and fail-slow episodes.
class TrainingTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite
    explicit TrainingTestCase(Coverage& coverage)
        : TracePathsTestCase("training job, 4 ranks, 3 iterations: 12 RankIteration, 3 Step, "
                             "1 JobComplete, 4 FailSlowEpisode (one drawn per rank at the start)",
                             coverage)
    {
    }

  private:
    void DoRun() override
    {
        std::vector<Probe*> extra;
        Sink<TrainingJob::RankIterationTracedCallback> rankIteration{
            extra,
            TRAINING_JOB + "RankIteration",
            "ns3::TrainingJob::RankIterationTracedCallback",
            false};
        Sink<TrainingJob::StepTracedCallback> step{extra,
                                                   TRAINING_JOB + "Step",
                                                   "ns3::TrainingJob::StepTracedCallback",
                                                   false};
        Sink<TrainingJob::CompleteTracedCallback> complete{
            extra,
            TRAINING_JOB + "JobComplete",
            "ns3::TrainingJob::CompleteTracedCallback",
            false};
        Sink<TrainingVariability::EpisodeTracedCallback> episode{
            extra,
            TRAINING_VARIABILITY + "FailSlowEpisode",
            "ns3::TrainingVariability::EpisodeTracedCallback",
            false};
        TrainingRunConfig c;
        c.ranks = 4;
        c.layerBytes = 4 * 4 * 1000;
        // One episode per rank, drawn when the job starts; the next would come thousands of
        // hours later (mean gap 1 / rate), long after the job's microseconds.
        c.failSlowRate = 1e-6;
        c.failSlowDuration = Seconds(1);
        c.beforeRun = [&]() {
            for (Probe* p : extra)
            {
                ConnectExtra(*p, c.ranks);
            }
        };
        const TrainingRunOutcome out = RunTraining(c);
        NS_TEST_ASSERT_MSG_EQ(out.complete, true, "the job ends");
        ExpectExtraCount(rankIteration, c.ranks * c.iterations);
        ExpectExtraCount(step, c.iterations);
        ExpectExtraCount(complete, 1);
        ExpectExtraCount(episode, c.ranks);
    }
};

/// A training job failure while an all-reduce is in flight: the job's Failure, and the
/// communicator's OperationFailed for that all-reduce.
class JobFailureTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite
    explicit JobFailureTestCase(Coverage& coverage)
        : TracePathsTestCase("training job, 4 ranks, a failure injected during the first "
                             "all-reduce: 1 Failure, 1 OperationFailed",
                             coverage)
    {
    }

  private:
    void DoRun() override
    {
        std::vector<Probe*> extra;
        Sink<TrainingJob::FailureTracedCallback> failure{extra,
                                                         TRAINING_JOB + "Failure",
                                                         "ns3::TrainingJob::FailureTracedCallback",
                                                         false};
        Sink<CollectiveCommunicator::ResultTracedCallback> failed{
            extra,
            COMMUNICATOR + "OperationFailed",
            "ns3::CollectiveCommunicator::ResultTracedCallback",
            false};
        TrainingRunConfig c;
        c.ranks = 4;
        c.beforeRun = [&]() {
            for (Probe* p : extra)
            {
                ConnectExtra(*p, c.ranks);
            }
            // Forward 4 x 10 us, two backward layers of 20 us fill bucket 0 (1.6 MB): its
            // all-reduce runs from 80 us for several us.
            const Config::MatchContainer jobs =
                Config::LookupMatches(TRAINING_JOB.substr(0, TRAINING_JOB.size() - 1));
            NS_TEST_ASSERT_MSG_EQ(jobs.GetN(), 1, "the job by its path");
            DynamicCast<TrainingJob>(jobs.Get(0))->InjectFailure(MicroSeconds(81));
        };
        const TrainingRunOutcome out = RunTraining(c);
        NS_TEST_ASSERT_MSG_EQ(out.complete, true, "the job ends");
        ExpectExtraCount(failure, 1);
        ExpectExtraCount(failed, 1);
    }
};

/// The Config path of every object of the module with attributes, as documented.
class ObjectPathsTestCase : public TestCase
{
  public:
    ObjectPathsTestCase()
        : TestCase("every object with attributes is reached by its documented Config path")
    {
    }

  private:
    void DoRun() override
    {
        /// A documented path and the type of the objects it reaches.
        struct ObjectPath
        {
            std::string path; //!< Config path
            TypeId type;      //!< type (or parent type) of what it matches
        };

        const std::vector<ObjectPath> paths{
            {ALL_NICS, TypeId::LookupByName("ns3::OpticalNetDevice")},
            {ALL_NICS + "Transceiver/", TypeId::LookupByName("ns3::CoherentTransceiver")},
            {ALL_CHANNELS, TypeId::LookupByName("ns3::OpticalChannel")},
            {CROSSBAR, TypeId::LookupByName("ns3::PhotonicCrossbar")},
            {CROSSBAR + "Scheduler/", TypeId::LookupByName("ns3::CircuitScheduler")},
            {ALL_TRANSPORTS, TypeId::LookupByName("ns3::CollectiveTransport")},
            {ALL_APPLICATIONS, TypeId::LookupByName("ns3::CollectiveApplication")},
            {COMMUNICATOR, TypeId::LookupByName("ns3::CollectiveCommunicator")},
        };
        FabricConfig config;
        config.nodes = 3;
        TestFabric f(config);
        CollectiveHelper().Install(f.devices);
        std::set<std::string> reached;
        for (const auto& [path, type] : paths)
        {
            const Config::MatchContainer matches = Config::LookupMatches(path);
            const size_t expected = path.find('*') == std::string::npos ? 1 : config.nodes;
            NS_TEST_EXPECT_MSG_EQ(matches.GetN(), expected, path);
            for (size_t i = 0; i < matches.GetN(); ++i)
            {
                const TypeId t = matches.Get(i)->GetInstanceTypeId();
                NS_TEST_EXPECT_MSG_EQ((t == type || t.IsChildOf(type)),
                                      true,
                                      path << " reaches a " << t.GetName());
                for (TypeId u = t; u.GetGroupName() == "ScaleAcross"; u = u.GetParent())
                {
                    reached.insert(u.GetName());
                }
            }
        }
        Simulator::Destroy();

        // The electrical fabric, in a run of its own: a leaf-spine of radix 4 (2 hosts and 2
        // uplinks per leaf), 4 hosts: 2 leaves, 2 spines, 4 host links and 4 fabric links.
        NodeContainer hosts;
        hosts.Create(4);
        LeafSpineHelper leafSpine;
        leafSpine.SetRadix(4);
        leafSpine.SetTransceiver("dsp-800g"); // on the 4 links between switches
        leafSpine.Install(hosts);
        const std::vector<std::tuple<std::string, TypeId, size_t>> electrical{
            {ALL_PACKET_NICS, PacketNetDevice::GetTypeId(), 4},
            {ALL_PACKET_NICS + "Switch/", PacketSwitch::GetTypeId(), 4},       // each leaf twice
            {"/NodeList/*/$ns3::PacketSwitch/", PacketSwitch::GetTypeId(), 4}, // on their nodes
            {ALL_PACKET_LINKS, PacketLink::GetTypeId(), 8},
            {ALL_PACKET_LINKS + "TransceiverA/", PacketTransceiver::GetTypeId(), 4},
            {ALL_PACKET_LINKS + "TransceiverB/", PacketTransceiver::GetTypeId(), 4},
        };
        for (const auto& [path, type, expected] : electrical)
        {
            const Config::MatchContainer matches = Config::LookupMatches(path);
            NS_TEST_EXPECT_MSG_EQ(matches.GetN(), expected, path);
            for (size_t i = 0; i < matches.GetN(); ++i)
            {
                const TypeId t = matches.Get(i)->GetInstanceTypeId();
                NS_TEST_EXPECT_MSG_EQ(t, type, path << " reaches a " << t.GetName());
                reached.insert(t.GetName());
            }
        }
        std::set<std::string> withAttributes;
        for (uint16_t i = 0; i < TypeId::GetRegisteredN(); ++i)
        {
            const TypeId t = TypeId::GetRegistered(i);
            if (t.GetGroupName() == "ScaleAcross" && t.GetAttributeN() > 0 &&
                t.IsChildOf(Object::GetTypeId()))
            {
                withAttributes.insert(t.GetName());
            }
        }
        Simulator::Destroy();
        // The slotted schedulers, each on a fabric of its own, by the same Scheduler path.
        for (const char* name :
             {"ns3::RotorCircuitScheduler", "ns3::WavelengthRoutedCircuitScheduler"})
        {
            FabricConfig slotted;
            slotted.nodes = 3;
            slotted.reconfiguration = NanoSeconds(100);
            slotted.scheduler = ObjectFactory(name).Create<CircuitScheduler>();
            TestFabric g(slotted);
            const Config::MatchContainer matches = Config::LookupMatches(CROSSBAR + "Scheduler/");
            NS_TEST_EXPECT_MSG_EQ(matches.GetN(), 1, CROSSBAR << "Scheduler/ with a " << name);
            for (size_t i = 0; i < matches.GetN(); ++i)
            {
                const TypeId t = matches.Get(i)->GetInstanceTypeId();
                NS_TEST_EXPECT_MSG_EQ(t.GetName(), std::string(name), "the scheduler reached");
                for (TypeId u = t; u.GetGroupName() == "ScaleAcross"; u = u.GetParent())
                {
                    reached.insert(u.GetName());
                }
            }
            Simulator::Destroy();
        }
        {
            // The stages of a multi-stage fabric, through the crossbar's Stages attribute.
            FabricConfig staged;
            staged.nodes = 4;
            staged.stages = CreateObject<ClosFabric>();
            staged.stages->SetAttribute("EdgePorts", UintegerValue(2));
            TestFabric g(staged);
            const Config::MatchContainer matches = Config::LookupMatches(CROSSBAR + "Stages/");
            NS_TEST_EXPECT_MSG_EQ(matches.GetN(), 1, CROSSBAR << "Stages/ with stages");
            for (size_t i = 0; i < matches.GetN(); ++i)
            {
                reached.insert(matches.Get(i)->GetInstanceTypeId().GetName());
            }
            Simulator::Destroy();
        }
        // A training job over a collective layer: its applications, the job, its variability.
        {
            TrainingRunConfig training;
            training.ranks = 3;
            training.layerBytes = 3 * 4 * 1000;
            training.iterations = 1;
            training.beforeRun = [&]() {
                const std::vector<std::tuple<std::string, TypeId, size_t>> jobPaths{
                    {ALL_TRAINING_APPLICATIONS, TrainingJobApplication::GetTypeId(), 3},
                    {TRAINING_JOB, TrainingJob::GetTypeId(), 1},
                    {TRAINING_VARIABILITY, TrainingVariability::GetTypeId(), 1},
                };
                for (const auto& [path, type, expected] : jobPaths)
                {
                    const Config::MatchContainer matches = Config::LookupMatches(path);
                    NS_TEST_EXPECT_MSG_EQ(matches.GetN(), expected, path);
                    for (size_t i = 0; i < matches.GetN(); ++i)
                    {
                        const TypeId t = matches.Get(i)->GetInstanceTypeId();
                        NS_TEST_EXPECT_MSG_EQ(t, type, path << " reaches a " << t.GetName());
                        reached.insert(t.GetName());
                    }
                }
            };
            RunTraining(training);
        }
        {
            // A cost model is the user's own object: reached once registered as a root of the
            // Config namespace, as doc/scale-across.rst says.
            Ptr<FabricCostModel> prices = CreateObject<FabricCostModel>();
            Config::RegisterRootNamespaceObject(prices);
            const Config::MatchContainer matches = Config::LookupMatches("/$ns3::FabricCostModel/");
            NS_TEST_EXPECT_MSG_EQ(matches.GetN(), 1, "/$ns3::FabricCostModel/");
            for (size_t i = 0; i < matches.GetN(); ++i)
            {
                reached.insert(matches.Get(i)->GetInstanceTypeId().GetName());
            }
            Config::UnregisterRootNamespaceObject(prices);
        }
        NS_TEST_EXPECT_MSG_EQ(Missing(withAttributes, reached),
                              "",
                              "objects with attributes but no documented path: add it here and "
                              "to doc/scale-across.rst");
        Simulator::Destroy();
    }
};

/// Every trace source of the module has a probe, and fired in one of the runs above.
class CoverageTestCase : public TestCase
{
  public:
    /// @param coverage filled by the cases that ran before
    explicit CoverageTestCase(const Coverage& coverage)
        : TestCase("every trace source of the ScaleAcross TypeIds is connected by path and "
                   "fires in a run above"),
          m_coverage(coverage)
    {
    }

  private:
    void DoRun() override
    {
        std::set<std::string> declared;
        for (uint16_t i = 0; i < TypeId::GetRegisteredN(); ++i)
        {
            const TypeId t = TypeId::GetRegistered(i);
            if (t.GetGroupName() != "ScaleAcross")
            {
                continue;
            }
            for (size_t j = 0; j < t.GetTraceSourceN(); ++j)
            {
                declared.insert(t.GetName() + "/" + t.GetTraceSource(j).name);
            }
        }
        NS_TEST_ASSERT_MSG_NE(declared.size(), 0, "no trace source found in group ScaleAcross");
        NS_TEST_EXPECT_MSG_EQ(Missing(declared, m_coverage.connected),
                              "",
                              "trace sources without a probe: add one to Probes, a run that "
                              "fires it, and its row in doc/scale-across.rst");
        NS_TEST_EXPECT_MSG_EQ(Missing(declared, m_coverage.fired),
                              "",
                              "trace sources no run saw fire as often as expected");
        NS_TEST_EXPECT_MSG_EQ(Missing(m_coverage.connected, declared),
                              "",
                              "probes on sources outside the group ScaleAcross");
    }

    const Coverage& m_coverage; //!< what the runs covered
};

/// The suite.
class TracePathsTestSuite : public TestSuite
{
  public:
    TracePathsTestSuite()
        : TestSuite("scale-across-trace-paths", TestSuite::Type::UNIT)
    {
        AddTestCase(new AllReduceTestCase(m_coverage));
        AddTestCase(new CircuitChurnTestCase(m_coverage));
        AddTestCase(new RefusedAtNicTestCase(m_coverage));
        AddTestCase(new DroppedAtCrossbarTestCase(m_coverage));
        AddTestCase(new LinkBudgetTestCase(m_coverage));
        AddTestCase(new RotorSlotsTestCase(m_coverage));
        AddTestCase(new ElectricalCongestionTestCase(m_coverage));
        AddTestCase(new ElectricalPfcTestCase(m_coverage));
        AddTestCase(new ElectricalDropTestCase(m_coverage));
        AddTestCase(new TrainingTestCase(m_coverage));
        AddTestCase(new JobFailureTestCase(m_coverage));
        AddTestCase(new MultiStageBlockedTestCase(m_coverage));
        AddTestCase(new OpticalFaultsTestCase(m_coverage));
        AddTestCase(new ElectricalFaultsTestCase(m_coverage));
        AddTestCase(new ObjectPathsTestCase());
        AddTestCase(new CoverageTestCase(m_coverage)); // last: after the runs
    }

  private:
    Coverage m_coverage; //!< filled by the runs, checked last
};

/// Static instance registering the suite.
TracePathsTestSuite g_tracePathsTestSuite;

} // namespace
