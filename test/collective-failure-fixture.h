/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_COLLECTIVE_FAILURE_FIXTURE_H
#define SCALE_ACROSS_COLLECTIVE_FAILURE_FIXTURE_H

#include "ns3/collective-result.h"
#include "ns3/data-rate.h"
#include "ns3/nstime.h"
#include "ns3/test.h"

#include <string>
#include <tuple>
#include <vector>

/**
 * @file
 * Shared by the collective fault suites: ring all-reduces on a fabric of LinkToggleNetDevices
 * (fault-test-fixture.h) whose links go down and up, or whose frames vanish, and what the
 * communicator reported.
 */

namespace ns3
{
namespace scale_across_test
{

/// Each device's rate: 8 Gb/s, one byte per nanosecond, so that every time is whole ns.
inline const DataRate RING_RATE("8Gbps");
/// The channel's delay.
inline const Time RING_DELAY = MicroSeconds(1);
/// Message size of the all-reduces: 4 x 8 x 7 x 100, split evenly by 8 ranks and by 7.
constexpr uint64_t RING_BYTES = 22400;
/// When the ranks issue the first operation.
inline const Time RING_ISSUE = MicroSeconds(1);

/// @param p ranks @return one ring step: a block of RING_BYTES / p and its header, then the delay
Time RingStep(uint32_t p);
/// @param p ranks @return ring all-reduce closed form: 2 (p - 1) steps, one block each
Time RingTime(uint32_t p);

/// One run.
struct FailRun
{
    uint32_t ranks{8};                                    //!< ranks
    std::string onFailure{"Abort"};                       //!< OnFailure
    Time failureTimeout{Seconds(0)};                      //!< FailureTimeout
    Time shrinkTime{Seconds(0)};                          //!< ShrinkTime
    std::vector<Time> issues{RING_ISSUE};                 //!< each operation's issue, all ranks
    std::vector<std::tuple<Time, uint32_t, bool>> links;  //!< (when, rank, up)
    std::vector<std::pair<uint32_t, uint32_t>> blackList; //!< (from, to) frames never delivered
    bool pointToPoint{false};      //!< a Send 0 -> 1 and its Recv instead of all-reduces
    std::string algorithm{"ring"}; //!< the all-reduces' algorithm
    uint32_t sendCredits{0};       //!< SendCredits (0: unlimited, as the closed forms assume)
    /// If not negative, FailureTimeout is set to newTimeout at this time
    Time changeTimeoutAt{Seconds(-1)};
    Time newTimeout{Seconds(0)}; //!< see changeTimeoutAt
};

/// What it gave.
struct FailOutcome
{
    std::vector<CollectiveResult> completed; //!< OperationComplete
    std::vector<CollectiveResult> failed;    //!< OperationFailed
    std::vector<CollectiveResult> results;   //!< GetResults
    uint32_t rankComplete{0};                //!< RankComplete calls
    uint64_t sent{0};                        //!< data bytes the transports sent
    uint64_t received{0};                    //!< data bytes of whole messages received
    uint64_t partial{0};                     //!< data bytes of messages still partial
    uint64_t lost{0};                        //!< data bytes the devices lost (link down)
    uint64_t late{0};                        //!< data bytes of failed operations' late messages
    uint32_t active{0};                      //!< operations still in flight at the end
    uint32_t shrunkRanks{0};                 //!< ranks of ExcludeRank's communicator
    Time end;                                //!< the last event's time
};

/// @param c the run @return its outcome (the simulator is destroyed afterwards)
FailOutcome RunFailure(const FailRun& c);

/// A case of the collective fault suites: checks the byte balance of its runs.
class FailureTestCase : public TestCase
{
  public:
    /// @param name what it checks
    explicit FailureTestCase(std::string name);

  protected:
    /// @param o an outcome @param lostInFabric data bytes lost where no counter sees them
    void ExpectBalance(const FailOutcome& o, uint64_t lostInFabric = 0);
};

} // namespace scale_across_test
} // namespace ns3

#endif /* SCALE_ACROSS_COLLECTIVE_FAILURE_FIXTURE_H */
