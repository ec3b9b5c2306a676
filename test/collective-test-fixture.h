/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_COLLECTIVE_TEST_FIXTURE_H
#define SCALE_ACROSS_COLLECTIVE_TEST_FIXTURE_H

#include "ns3/collective-result.h"
#include "ns3/nstime.h"

#include <functional>
#include <string>
#include <vector>

/**
 * @file
 * Shared by the collective suites: run a collective on an optical fabric and the closed forms
 * its times must match.
 */

namespace ns3
{
namespace scale_across_test
{

/// A collective run on a single-crossbar optical fabric.
struct CollectiveRunConfig
{
    uint32_t ranks{8};       //!< ranks = endpoints
    uint32_t wavelengths{1}; //!< per transceiver; 0: one per lane the static circuits need
    uint32_t wavelengthsPerCircuit{0};       //!< 0: all bonded
    std::string collective{"all_reduce"};    //!< collective
    std::string algorithm{"ring"};           //!< algorithm
    uint64_t chunkBytes{0};                  //!< pipeline chunk
    uint32_t channels{1};                    //!< channels
    uint32_t root{0};                        //!< broadcast root
    bool staticCircuits{true};               //!< static fabric (else on demand)
    bool idealFabric{false};                 //!< OpticalFabricHelper::SetIdealFabric (wins)
    Time reconfiguration{MicroSeconds(1)};   //!< crossbar set-up time (on-demand)
    uint32_t sendCredits{0};                 //!< SendCredits (0: unlimited, as closed forms assume)
    std::string creditReturn{"ReversePath"}; //!< CreditReturn
    Time creditLatency{Seconds(0)};          //!< CreditLatency (with CreditReturn = Fixed)
    bool warmUp{false};                      //!< WarmUp: false, a cold start as closed forms assume
    bool protocolLatency{false};             //!< ProtocolLatency
    Time gap{Seconds(0)};                    //!< Gap between two runs
    uint32_t readWindow{0};                  //!< CollectiveApplication::ReadWindow (0: default)
    bool readOnDemand{true};                 //!< CollectiveApplication::ReadOnDemand
    uint32_t maxSegmentBytes{0};             //!< CollectiveTransport::MaxSegmentBytes (0: default)
    std::vector<uint64_t> sizes;             //!< message sizes
    /// If set, called once the fabric and the collective are built, before Simulator::Run
    /// (e.g. to connect trace sinks by Config path)
    std::function<void()> beforeRun;
};

/// What a run produced.
struct CollectiveRunOutcome
{
    std::vector<CollectiveResult> results; //!< one per size (timed runs only)
    uint32_t operationComplete{0};         //!< OperationComplete trace calls
    uint32_t rankComplete{0};              //!< RankComplete trace calls
    uint64_t sent{0};                      //!< data bytes sent by all transports
    uint64_t received{0};                  //!< data bytes of whole messages received
    uint64_t deviceTx{0};                  //!< bytes handed to the optical devices
    uint64_t deviceAccounted{0};           //!< received + dropped + queued at the devices
    uint64_t creditsReturned{0};           //!< credits handed back by receiving ranks
    uint64_t creditsReceived{0};           //!< credits that reached their senders
};

/// @param c what to run @return the outcome (the simulator is destroyed afterwards)
CollectiveRunOutcome RunCollective(const CollectiveRunConfig& c);

/// Framing per message: CollectiveHeader (37) + MAC header (14) bytes.
constexpr double FRAMING = 51;

/// Per-message latency on the default fabric: DSP + FEC + 2 x 10 m of fiber.
Time DefaultAlpha();

/**
 * @brief Ring closed form: K steps of c chunks, each chunk t on the wire.
 * T = (K - 1) max(c t, t + alpha) + c t + alpha; with c = 1, K (t + alpha).
 * @param steps K
 * @param chunks c
 * @param chunkBytes data bytes of one chunk message
 * @param laneBytesPerSecond rate of one circuit lane
 * @param alpha per-message latency
 * @return T
 */
Time RingClosedForm(uint32_t steps,
                    uint32_t chunks,
                    double chunkBytes,
                    double laneBytesPerSecond,
                    Time alpha);

} // namespace scale_across_test
} // namespace ns3

#endif /* SCALE_ACROSS_COLLECTIVE_TEST_FIXTURE_H */
