/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_TRACE_PATHS_FIXTURE_H
#define SCALE_ACROSS_TRACE_PATHS_FIXTURE_H

#include "scale-across-test-fixture.h"

#include "ns3/collective-communicator.h"
#include "ns3/collective-transport.h"
#include "ns3/config.h"
#include "ns3/node-list.h"
#include "ns3/optical-net-device.h"
#include "ns3/packet-net-device.h"
#include "ns3/packet-switch.h"
#include "ns3/packet.h"
#include "ns3/photonic-crossbar.h"
#include "ns3/test.h"

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

/**
 * @file
 * Shared by the trace-paths suites: every trace source of the module is reached through the
 * Config path doc/scale-across.rst gives it, by a sink with the signature of the typedef its
 * AddTraceSource names, and fires exactly as often as the model says in a few small runs.
 * Each domain's suite (scale-across-<domain>-trace-paths) runs its scenarios, then checks that
 * every trace source it answers for (TraceSourceSuites) was connected and fired as expected;
 * scale-across-trace-paths checks that every trace source of the module has such a suite.
 */

namespace ns3
{
namespace scale_across_test
{

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
std::string NicContext(uint32_t node, const std::string& source);

/**
 * @param node a node index
 * @param source a trace source of its CollectiveTransport
 * @return the context Config::Connect gives that source
 */
std::string TransportContext(uint32_t node, const std::string& source);

/// @param v some numbers @return them, separated by spaces (for messages)
std::string Join(const std::vector<uint32_t>& v);

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
std::string Missing(const std::set<std::string>& a, const std::set<std::string>& b);

/// @return every trace source of the ScaleAcross TypeIds, as "ns3::Type/Source"
std::set<std::string> DeclaredTraceSources();

/**
 * @brief Which suite answers for each trace source of the module: its runs connect a probe
 * to the source and see it fire as often as expected.
 * @return the suite's name, by source ("ns3::Type/Source")
 */
const std::map<std::string, std::string>& TraceSourceSuites();

/// @return the names of the domains' trace-paths suites (every TracePathsTestSuite built)
const std::set<std::string>& GetTracePathsSuites();

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
    void ConnectExtra(Probe& p, uint32_t nodes);

    /**
     * @brief Check the count of a probe outside Probes.
     * @param p the probe
     * @param want calls expected
     */
    void ExpectExtraCount(const Probe& p, size_t want);

    /**
     * @brief Check a probe's path: it matches the expected objects and ends in a trace source
     * whose callback typedef is the sink's. Sets the probe's declared name.
     * @param p the probe
     * @param nodes nodes of the simulation: a path with a wildcard matches one object each
     * @return what is wrong, or "" if nothing
     */
    static std::string Resolve(Probe& p, uint32_t nodes);

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
    void ExpectContexts(const Probe& probe, const std::map<std::string, size_t>& contexts);

    /// @param fabric a fabric of raw frames: give it an idle collective layer, so that every
    /// path resolves and the collective sources can be checked to stay silent
    static void AddIdleCollectives(TestFabric& fabric);

  private:
    Coverage& m_coverage; //!< what the suite covered
};

/**
 * @brief A domain's trace-paths suite: its runs (TracePathsTestCase, each given the suite's
 * Coverage), then AddCoverageCase, which checks that every trace source the suite answers for
 * (TraceSourceSuites) was connected and fired as expected.
 */
class TracePathsTestSuite : public TestSuite
{
  public:
    /// @param name the suite's name, as TraceSourceSuites gives it
    explicit TracePathsTestSuite(const std::string& name);

  protected:
    /// Add the coverage check; call it after the runs, which it checks.
    void AddCoverageCase();

    Coverage m_coverage; //!< filled by the runs, checked last
};

} // namespace scale_across_test
} // namespace ns3

#endif /* SCALE_ACROSS_TRACE_PATHS_FIXTURE_H */
