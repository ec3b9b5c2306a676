/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_EXAMPLE_FAULT_STUDY_H
#define SCALE_ACROSS_EXAMPLE_FAULT_STUDY_H

#include "example-packet-fabric.h"

#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-examples
 * @brief What came of one fault during one all-reduce.
 */
struct FaultOutcome
{
    std::string status;       //!< COMPLETE, FAILED or RECOVERED (CollectiveResult::Status)
    std::string reason;       //!< the communicator's reason, or empty
    Time end;                 //!< completion (COMPLETE, RECOVERED) or detection (FAILED), absolute
    uint32_t ranks{0};        //!< ranks of the operation that ended it (fewer after ExcludeRank)
    uint64_t bytesLost{0};    //!< bytes dropped anywhere in the fabric, every reason
    uint64_t lostToFaults{0}; //!< of which as LinkDown or DeviceFailed
    uint64_t lostBudget{0};   //!< of which as LinkBudget (a degraded fiber)
    bool balanced{false};     //!< every element's byte balance held at the end
};

/**
 * @ingroup scale-across-examples
 * @brief The fabrics, the faults and the two studies of scale-across-faults: one fault at one
 * instant during a ring all-reduce, and a training job under random failures with
 * checkpoints.
 *
 * Every rank's NIC runs at the same rate on every fabric (--wavelengths x 1.6 Tb/s; the
 * packet fabrics match the optical NIC). Faults strike the parts of one rank's path (its
 * transceiver, its fiber or link, its crossbar port, its leaf or edge switch and the switch
 * above it) or a whole crossbar, or a circuit set-up, or degrade the rank's fiber until its
 * link budget no longer closes. None is repaired: the study asks what a part's loss does to
 * an operation in flight.
 */
class ExampleFaultStudy
{
  public:
    /**
     * @param program the example's name, first on error lines
     * @param electrical the packet fabrics' options (Check already called)
     * @param ranks ranks of the all-reduce and of the job
     * @param wavelengths wavelengths per optical NIC
     * @param target the rank whose parts fail
     */
    ExampleFaultStudy(std::string program,
                      const ExamplePacketFabric& electrical,
                      uint32_t ranks,
                      uint32_t wavelengths,
                      uint32_t target);

    /// @return the fabrics the study knows: ondemand, static, leafspine, fattree
    static std::vector<std::string> Fabrics();
    /// @param fabric a fabric @return the faults that apply to it, in table order
    static std::vector<std::string> Faults(const std::string& fabric);
    /// @param fault a fault's name @return what fails, in a few words
    static std::string Describe(const std::string& fault);

    /**
     * @brief Set the communicator's reaction to failures.
     * @param failureTimeout FailureTimeout (the no-progress watchdog)
     * @param shrinkTime ShrinkTime (ExcludeRank's rebuild)
     */
    void SetFailureHandling(Time failureTimeout, Time shrinkTime);

    /**
     * @brief One ring all-reduce, started at Start(), with one fault.
     * @param fabric the fabric
     * @param fault the fault, or "none"
     * @param at when the fault strikes (> 0)
     * @param policy the communicator's OnFailure: Abort or ExcludeRank
     * @param bytes the all-reduce's size
     * @return what came of it
     */
    FaultOutcome RunAllReduce(const std::string& fabric,
                              const std::string& fault,
                              Time at,
                              const std::string& policy,
                              uint64_t bytes) const;

    /// Settings of the training job of the goodput study.
    struct Job
    {
        uint32_t iterations{0};    //!< steps
        uint32_t layers{0};        //!< layers
        uint64_t layerBytes{0};    //!< gradient bytes per layer
        Time forward;              //!< forward compute per layer
        Time backward;             //!< backward compute per layer
        Time optimizer;            //!< optimizer step
        uint32_t interval{0};      //!< CheckpointInterval, steps
        Time checkpoint;           //!< CheckpointTime
        Time restart;              //!< RestartTime
        double failuresPerHour{0}; //!< FailureRate (0: none)
        uint32_t run{1};           //!< RngRun
    };

    /// What the job reported.
    struct JobOutcome
    {
        double goodput{0};    //!< useful time over completion time
        Time completion;      //!< job completion time
        Time meanStep;        //!< mean step time
        uint32_t failures{0}; //!< failures
    };

    /**
     * @brief One training job on one fabric.
     * @param fabric the fabric
     * @param job the job
     * @return what it reported
     */
    JobOutcome RunJob(const std::string& fabric, const Job& job) const;

    /// @return CollectiveCommunicator's FailureTimeout default (or what Config::SetDefault set)
    static Time DefaultFailureTimeout();

    /// @return when the all-reduce starts (the faults called "before" strike at half of it)
    static Time Start();

  private:
    /**
     * @brief Build a fabric over the nodes.
     * @param fabric its name
     * @param nodes the ranks
     * @param switches set to the packet fabric's switches (empty for the optical ones)
     * @return the ranks' devices
     */
    NetDeviceContainer Build(const std::string& fabric,
                             const NodeContainer& nodes,
                             std::vector<Ptr<PacketSwitch>>& switches) const;
    /**
     * @brief Schedule the fault.
     * @param fault its name
     * @param at when
     * @param devices the ranks' devices
     * @param switches the packet fabric's switches
     */
    void Inject(const std::string& fault,
                Time at,
                const NetDeviceContainer& devices,
                const std::vector<Ptr<PacketSwitch>>& switches) const;
    /// Stop with one line. @param message what is wrong
    [[noreturn]] void Fail(const std::string& message) const;

    std::string m_program;                   //!< for error lines
    const ExamplePacketFabric& m_electrical; //!< the packet fabrics' options
    uint32_t m_ranks;                        //!< ranks
    uint32_t m_wavelengths;                  //!< wavelengths per optical NIC
    uint32_t m_target;                       //!< the rank whose parts fail
    Time m_failureTimeout;                   //!< FailureTimeout
    Time m_shrinkTime;                       //!< ShrinkTime
};

} // namespace ns3

#endif /* SCALE_ACROSS_EXAMPLE_FAULT_STUDY_H */
