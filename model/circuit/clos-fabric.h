/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_CLOS_FABRIC_H
#define SCALE_ACROSS_CLOS_FABRIC_H

#include "clos-topology.h"

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <array>
#include <memory>

namespace ns3
{

/**
 * @ingroup scale-across-circuit
 * @brief The stages behind a logical crossbar: a three-stage Clos of crossbars (ingress
 * EdgePorts x MiddleSwitches, middle r x r, egress MiddleSwitches x EdgePorts) joined by
 * inter-stage fibers, for fabrics larger than one crossbar of a technology can be.
 *
 * A PhotonicCrossbar that takes a ClosFabric (its Stages attribute) still shows its endpoints
 * one port each; the stages decide what a circuit costs and whether it can be had:
 * - every path crosses the three stages and two inter-stage fibers, so its insertion loss is
 *   the three stages' losses plus two fibers' attenuation and connectors, and a frame's
 *   switching latency is the three stages' latencies plus two fibers' propagation (the
 *   crossbar uses these as its InsertionLoss and SwitchingLatency);
 * - the stages reconfigure in parallel, so a circuit's set-up takes the slowest stage's
 *   ReconfigurationTime (the crossbar's ReconfigurationTime);
 * - a circuit needs a middle switch with a free lane up from its source's ingress switch and
 *   down to its destination's egress switch (ClosTopology, first fit). A request with none is
 *   blocked: counted (GetNBlocked) and traced (Blocked); the OnDemandCircuitScheduler then
 *   waits until a path frees and retries, so no byte is lost to blocking. Schedulers that do
 *   not ask (rotor, wavelength-routed, static) stop with one message if first fit finds no
 *   path; a rotor's cyclic shifts always route when MiddleSwitches >= EdgePorts.
 *
 * The paths of a Clos are all alike, so one logical crossbar with the path's figures is exact
 * for loss and timing; only blocking needs the stage-by-stage state, which ClosTopology keeps.
 */
class ClosFabric : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    ClosFabric();
    ~ClosFabric() override;

    /// The three stages, in the order light crosses them.
    enum Stage
    {
        INGRESS = 0, //!< EdgePorts x MiddleSwitches, one per group of EdgePorts endpoints
        MIDDLE = 1,  //!< r x r, MiddleSwitches of them
        EGRESS = 2,  //!< MiddleSwitches x EdgePorts, one per group of EdgePorts endpoints
    };

    /**
     * @brief Build the path state for a crossbar's endpoints (the crossbar calls it).
     * @param endpoints the crossbar's NumPorts
     * @param lanes its LanesPerPort (each inter-stage link carries as many circuits)
     */
    void Attach(uint32_t endpoints, uint32_t lanes);

    /// @return the path state (aborts before Attach)
    const ClosTopology& GetTopology() const;

    /**
     * @brief Route a circuit through the first middle switch with free lanes (the crossbar
     * calls it when it sets the circuit up). Stops, naming the request and the remedy, if
     * there is none: a scheduler that sets circuits up without asking FindMiddle first cannot
     * wait for a path.
     * @param id the circuit's input end in the crossbar's port table
     * @param srcPort its source port
     * @param dstPort its destination port
     * @return time from which its inter-stage links are free (earlier circuits drained)
     */
    Time Route(uint32_t id, uint32_t srcPort, uint32_t dstPort);

    /**
     * @brief Take a circuit off its middle switch (the crossbar calls it at teardown).
     * @param id the circuit's input end
     * @param freeAt when its last frame has passed the fabric
     */
    void Release(uint32_t id, Time freeAt);

    /**
     * @brief A scheduler found no middle path for a request: count and trace it.
     * @param srcPort source port
     * @param dstPort destination port
     */
    void NotifyBlocked(uint32_t srcPort, uint32_t dstPort);

    /// @return requests blocked for want of a middle path so far
    uint64_t GetNBlocked() const;

    /// @return insertion loss of a path: the three stages' plus two inter-stage fibers', dB
    double GetPathLossDb() const;
    /// @return switching latency of a path: three stages' plus two inter-stage fibers' delay
    Time GetPathLatency() const;
    /// @return set-up time of a circuit: the slowest stage's reconfiguration time
    Time GetSetUpTime() const;
    /// @return the EdgePorts attribute (k)
    uint32_t GetEdgePorts() const;
    /// @return the MiddleSwitches attribute (m)
    uint32_t GetMiddleSwitches() const;
    /// @return propagation delay of one inter-stage fiber
    Time GetInterStageDelay() const;
    /// @return loss of one inter-stage fiber with its connectors, dB
    double GetInterStageLossDb() const;
    /// @return the PortPowerWatts attribute, W
    double GetPortPowerWatts() const;
    /**
     * @return ports of the three stages, each one input and one output: r k + 2 r m (r
     *         ingress and r egress switches, m middle switches; 0 before a crossbar takes
     *         the stages)
     */
    uint64_t GetNPorts() const;
    /// @return inter-stage fibers: 2 r m (0 before a crossbar takes the stages)
    uint64_t GetNInterStageFibers() const;
    /// @return length of all inter-stage fibers: 2 r m x InterStageLength, m
    double GetInterStageFiberMeters() const;
    /// @return crossbars of the three stages: 2 r + m (0 before a crossbar takes the stages)
    uint64_t GetNSwitches() const;
    /// @return static power of the stages: GetNPorts() x PortPowerWatts, W
    double GetStaticPowerWatts() const;
    /// @return GetStaticPowerWatts() x the time since the stages were created, J
    double GetEnergyJoules() const;

    /**
     * TracedCallback signature for blocked circuit requests.
     * @param [in] srcPort source port
     * @param [in] dstPort destination port
     */
    typedef void (*BlockedTracedCallback)(uint32_t srcPort, uint32_t dstPort);

  private:
    /// What one stage costs.
    struct StageFigures
    {
        double lossDb{2.0};               //!< insertion loss of one traversal, dB
        Time reconfiguration{Seconds(0)}; //!< time to set its part of a circuit up
        Time latency{Seconds(0)};         //!< latency of one traversal
    };

    /// Abort if the path state exists (shape attributes are fixed by then).
    void CheckNotAttached(const char* attribute) const;
    /// @param k endpoints per edge switch (>= 1)
    void SetEdgePorts(uint32_t k);
    /// @param m middle switches (>= 1)
    void SetMiddleSwitches(uint32_t m);
    /// @param meters inter-stage fiber length (>= 0)
    void SetInterStageLength(double meters);
    /// @return inter-stage fiber length, m
    double GetInterStageLength() const;
    /// @param n group index (>= 1)
    void SetInterStageRefractiveIndex(double n);
    /// @return group index of the inter-stage fibers
    double GetInterStageRefractiveIndex() const;
    /// @param dbPerKm attenuation (>= 0)
    void SetInterStageAttenuation(double dbPerKm);
    /// @return attenuation of the inter-stage fibers, dB/km
    double GetInterStageAttenuation() const;
    /// @param db connector loss per inter-stage fiber (>= 0)
    void SetInterStageConnectorLoss(double db);
    /// @return connector loss per inter-stage fiber, dB
    double GetInterStageConnectorLoss() const;
    /// @param w static power per port (>= 0)
    void SetPortPowerWatts(double w);

    /// @tparam S a Stage @param db its insertion loss (>= 0)
    template <int S>
    void SetStageLoss(double db);
    /// @tparam S a Stage @return its insertion loss, dB
    template <int S>
    double GetStageLoss() const;
    /// @tparam S a Stage @param t its reconfiguration time (>= 0)
    template <int S>
    void SetStageReconfiguration(Time t);
    /// @tparam S a Stage @return its reconfiguration time
    template <int S>
    Time GetStageReconfiguration() const;
    /// @tparam S a Stage @param t its switching latency (>= 0)
    template <int S>
    void SetStageLatency(Time t);
    /// @tparam S a Stage @return its switching latency
    template <int S>
    Time GetStageLatency() const;

    uint32_t m_edgePorts;                              //!< EdgePorts attribute (k)
    uint32_t m_middles;                                //!< MiddleSwitches attribute (m)
    std::array<StageFigures, 3> m_stages;              //!< per Stage
    double m_fiberLength;                              //!< InterStageLength, m
    double m_fiberIndex;                               //!< InterStageRefractiveIndex
    double m_fiberAttenuation;                         //!< InterStageAttenuation, dB/km
    double m_fiberConnectorLoss;                       //!< InterStageConnectorLoss, dB
    double m_portPowerW;                               //!< PortPowerWatts attribute
    Time m_since;                                      //!< creation (start of static energy)
    std::unique_ptr<ClosTopology> m_paths;             //!< path state, from Attach
    uint64_t m_nBlocked;                               //!< blocked requests
    TracedCallback<uint32_t, uint32_t> m_blockedTrace; //!< Blocked
};

} // namespace ns3

#endif /* SCALE_ACROSS_CLOS_FABRIC_H */
