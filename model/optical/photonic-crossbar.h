/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_PHOTONIC_CROSSBAR_H
#define SCALE_ACROSS_PHOTONIC_CROSSBAR_H

#include "ns3/byte-conservation.h"
#include "ns3/circuit-switch.h"
#include "ns3/crossbar-port-table.h"
#include "ns3/drop-reason.h"
#include "ns3/event-pool.h"
#include "ns3/mac-frame.h"
#include "ns3/mac48-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/port-fault-state.h"
#include "ns3/traced-callback.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{

class CircuitScheduler;
class ClosFabric;
class CrossbarEndpoint;
class OpticalChannel;

/**
 * @ingroup scale-across-optical
 * @brief An N-port bufferless photonic circuit switch.
 *
 * Each port takes one endpoint (an OpticalNetDevice, seen only through the CrossbarEndpoint
 * interface) through its OpticalChannel (fiber). Each port has
 * LanesPerPort lanes (independent circuit ends: one per wavelength group of the NIC), and a
 * circuit joins the input side of one (port, lane) to the output side of another. Circuits
 * are set up and torn down by a CircuitScheduler; setting one up takes ReconfigurationTime
 * on the two ports involved only, so the rest of the fabric runs on.
 *
 * Bufferless: a frame is forwarded only if, when its first bit reaches the crossbar, its input
 * lane holds an established circuit to its destination port. Otherwise it is dropped and
 * counted (trace source Drop, reason NoCircuit or Reconfiguring). A circuit is torn down only
 * after the last frame accepted on it has left the crossbar, so accepted frames always arrive.
 *
 * A frame costs one event: its arrival at the receiving NIC, computed when it is sent
 * (serialization + fiber in + SwitchingLatency + fiber out + receiver DSP/FEC latency).
 * The link budget of the path (launch power, fiber and connector losses, InsertionLoss,
 * receiver sensitivity) decides whether the frame is decoded.
 *
 * State is O(N x LanesPerPort): a port table, never an N x N matrix.
 *
 * Real crossbars have a largest port count: Technology names the CrossbarTechnology it is
 * built with, and a crossbar asked for more ports than that technology's largest (or than
 * PortLimit, which overrides it for what-if studies) stops with a message naming the limit and
 * the multi-stage alternative.
 *
 * Its own ByteCounters (payload bytes launched into it: delivered, in flight, dropped at
 * the crossbar or lost to the link budget) are checked by ByteConservation, as each NIC's
 * are.
 */
class PhotonicCrossbar : public Object, public CircuitSwitch, public ByteCounted
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    PhotonicCrossbar();
    ~PhotonicCrossbar() override;

    // Delete copy constructor and assignment operator to avoid misuse
    PhotonicCrossbar(const PhotonicCrossbar&) = delete;
    PhotonicCrossbar& operator=(const PhotonicCrossbar&) = delete;

    /**
     * @brief Connect an endpoint, through its fiber, to a port.
     * @param endpoint the endpoint (kept alive by the fiber, which holds its device)
     * @param address its MAC address (unique on the crossbar)
     * @param lanes its circuit lanes (must equal LanesPerPort)
     * @param fiber the fiber between the endpoint and the port
     * @param port port index, 0 ... NumPorts - 1, not yet used
     */
    void AttachEndpoint(CrossbarEndpoint& endpoint,
                        Mac48Address address,
                        uint32_t lanes,
                        Ptr<OpticalChannel> fiber,
                        uint32_t port);

    /// @return number of ports
    uint32_t GetNPorts() const;
    /// @return lanes per port
    uint32_t GetNLanes() const;
    /// @param port a port @return true if an endpoint is attached to it
    bool HasEndpoint(uint32_t port) const;
    /// @param address a MAC address @return the port whose device has it, or -1
    int64_t LookupPort(Mac48Address address) const;
    /**
     * @param key a MAC address as a key (MacFrame::ToKey)
     * @return the port whose device has it, or -1. A port once found stays the address's:
     * addresses are mapped when a device attaches and never change or leave.
     */
    int64_t LookupPort(uint64_t key) const;
    /// @return the circuit scheduler (an OnDemandCircuitScheduler unless another was set)
    Ptr<CircuitScheduler> GetScheduler() const;
    /// @param scheduler the circuit scheduler to use (before the simulation starts)
    void SetScheduler(Ptr<CircuitScheduler> scheduler);
    const CrossbarPortTable& GetPortTable() const override;
    Time GetReconfigurationTime() const override;
    /// @return the Technology attribute ("" if none)
    std::string GetTechnology() const;
    /// @return the largest NumPorts allowed: PortLimit, else the technology's, else 0 (none)
    uint32_t GetPortLimit() const;
    /// @return latency of one traversal
    Time GetSwitchingLatency() const;
    /**
     * @param srcPort the sending port
     * @param dstPort the receiving port (with a device)
     * @return fixed latency of a frame from srcPort to dstPort, without serialization: fiber
     *         in + SwitchingLatency + fiber out + the receiver's DSP and FEC latency
     */
    Time GetPathLatency(uint32_t srcPort, uint32_t dstPort) const;
    /// @return insertion loss of one traversal, dB
    double GetInsertionLossDb() const;
    /// @return static power of the crossbar: NumPorts x PortPower, W, or its stages'
    ///         (ClosFabric::GetStaticPowerWatts) when it stands for a multi-stage fabric
    double GetStaticPowerWatts() const;
    /// @return the PortPower attribute, W
    double GetPortPowerWatts() const;
    /// @return the ReconfigurationEnergyJoules attribute, J per set-up
    double GetReconfigurationEnergyJoules() const;
    /// @return circuit set-ups that took time (set-up time > 0) so far
    uint64_t GetReconfigurations() const;
    /**
     * @return energy since the crossbar was created, J: GetStaticPowerWatts() x the time
     *         since then + ReconfigurationEnergyJoules x GetReconfigurations()
     */
    double GetEnergyJoules() const;

    const ByteCounters& GetByteCounters() const override;
    std::string GetByteCountersName() const override;

    // CircuitSwitch: called by the scheduler.
    Time EstablishCircuit(uint32_t srcPort,
                          uint32_t srcLane,
                          uint32_t dstPort,
                          uint32_t dstLane,
                          bool reconfigure = true) override;
    Time EstablishTimedCircuit(uint32_t srcPort,
                               uint32_t srcLane,
                               uint32_t dstPort,
                               uint32_t dstLane,
                               Time setUp,
                               Time closeAt) override;
    void ReleaseCircuit(uint32_t srcPort, uint32_t srcLane) override;
    void RejectCircuit(uint32_t srcPort, uint32_t dstPort) override;
    bool IsLaneIdle(uint32_t port, uint32_t lane) const override;
    Ptr<ClosFabric> GetStages() const override;
    bool HasFramesInFlight() const override;
    bool IsPortUp(uint32_t port) const override;

    /**
     * @brief A part behind a port fails (FaultHelper calls this): if the port goes down, the
     * frames on its path are lost, its NIC sees link down and drops what it queued, every
     * other NIC drops what it queued for it, and the scheduler hears of it
     * (CircuitScheduler::NotifyPortChange: on-demand and static circuits over it are torn
     * down and none is set up to it while it is down).
     * @param port the port (with a NIC)
     * @param component TRANSCEIVER (the NIC's), FIBER or PORT
     * @param reason what the frames lost to it count as (LinkDown, DeviceFailed, or
     *        LinkBudget for a degraded fiber)
     */
    void FailPort(uint32_t port, FaultComponent component, DropReason reason);
    /**
     * @brief A part behind a port is repaired; the port comes up if nothing else keeps it
     * down (its NIC sees link up, the scheduler hears of it).
     * @param port the port
     * @param component the part
     */
    void RepairPort(uint32_t port, FaultComponent component);
    /// @brief The whole crossbar fails: every port goes down (reason DeviceFailed).
    void FailCrossbar();
    /// @brief The whole crossbar is repaired: ports without another fault come up.
    void RepairCrossbar();
    /**
     * @brief The next set-up of a circuit from srcPort (without a planned close) fails and is
     * retried at once: the circuit comes up after twice its set-up time.
     * @param srcPort the port
     */
    void FailNextSetUp(uint32_t srcPort);
    /// @return the fault state of the ports
    const PortFaultState& GetFaultState() const;
    /**
     * @param port a port with a NIC
     * @return the smallest link-budget margin, dB, of the paths from and to that port (to
     *         and from every other port with a NIC) with the fibers' losses now
     */
    double GetWorstMarginDb(uint32_t port) const;

    /**
     * @brief Make this the logical crossbar of a multi-stage fabric (before the simulation
     * starts): circuits need a middle path through the stages, and ReconfigurationTime,
     * SwitchingLatency and InsertionLoss become the path's (ClosFabric's set-up time, path
     * latency and path loss), taken from the stages when the crossbar is built and again when
     * the simulation starts.
     * @param stages the stages, or nullptr for a single crossbar
     */
    void SetStages(Ptr<ClosFabric> stages);

    /**
     * @brief A NIC asks for a circuit (forwarded to the scheduler).
     * @param srcPort the NIC's port
     * @param dstPort destination port
     */
    void RequestCircuit(uint32_t srcPort, uint32_t dstPort);

    /**
     * @brief A NIC has no more frames for the circuit on srcLane (forwarded to the scheduler).
     * @param srcPort the NIC's port
     * @param srcLane the lane
     */
    void NotifyIdle(uint32_t srcPort, uint32_t srcLane);

    /**
     * @brief A NIC starts serializing a frame now (called by OpticalNetDevice).
     * @param frame the frame (its payload is what the byte counters count)
     * @param srcPort the NIC's port
     * @param srcLane the lane it is sent on
     * @param dstPort the destination port
     * @param serialization its serialization time
     */
    void Transmit(const MacFrame& frame,
                  uint32_t srcPort,
                  uint32_t srcLane,
                  uint32_t dstPort,
                  Time serialization);

    /**
     * TracedCallback signature for circuit changes.
     * @param [in] srcPort source port
     * @param [in] srcLane source lane
     * @param [in] dstPort destination port
     * @param [in] dstLane destination lane
     */
    typedef void (*CircuitTracedCallback)(uint32_t srcPort,
                                          uint32_t srcLane,
                                          uint32_t dstPort,
                                          uint32_t dstLane);

    /**
     * TracedCallback signature for frames the crossbar drops.
     * @param [in] frame the frame
     * @param [in] reason why it was dropped
     * @param [in] port the input port it arrived on
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> frame, DropReason reason, uint32_t port);

    /**
     * TracedCallback signature for circuit set-ups that take time.
     * @param [in] srcPort source port
     * @param [in] dstPort destination port
     * @param [in] joules the set-up's energy, J
     */
    typedef void (*ReconfigurationTracedCallback)(uint32_t srcPort,
                                                  uint32_t dstPort,
                                                  double joules);

    /**
     * TracedCallback signature for a port going down or up.
     * @param [in] port the port
     * @param [in] up true if it came up
     */
    typedef void (*PortStateTracedCallback)(uint32_t port, bool up);

    /**
     * TracedCallback signature for a failed circuit set-up.
     * @param [in] srcPort source port
     * @param [in] dstPort destination port
     */
    typedef void (*SetUpFailedTracedCallback)(uint32_t srcPort, uint32_t dstPort);

  protected:
    void NotifyConstructionCompleted() override;
    void DoInitialize() override;
    void DoDispose() override;

  private:
    /// What travels with a frame from launch to arrival.
    struct Frame
    {
        MacFrame frame;        //!< the frame
        uint64_t payloadBytes; //!< its payload
        uint32_t srcPort;      //!< source port
        uint32_t srcLane;      //!< source lane
        uint32_t dstPort;      //!< destination port
        uint32_t srcEpoch;     //!< its source port's fault epoch at launch
        uint32_t dstEpoch;     //!< its destination port's fault epoch at launch
    };

    /// @param frame a frame @param reason set to why it is lost @return true if a port of
    ///        its path has gone down since its launch
    bool LostToFault(const Frame& frame, DropReason& reason) const;
    /// Drop a frame lost to a fault and tell its sender. @param frame it @param reason why
    void DropFaulted(const Frame& frame, DropReason reason);
    /// A port went down: tell its NIC, every other NIC and the scheduler. @param port it
    void PortWentDown(uint32_t port);
    /// A port came up: tell its NIC and the scheduler. @param port it
    void PortCameUp(uint32_t port);

    /// Check the circuit when the frame's first bit reaches the crossbar.
    void CheckAtCrossbar(const Frame& frame, Time serialization);
    /// Accept a frame on its circuit and schedule its arrival.
    void Forward(const Frame& frame, Time head, Time serialization);
    /// Drop a frame at the crossbar and tell its sender.
    void DropAtCrossbar(const Frame& frame, Time head);
    /// A frame's last bit reaches its receiver: account for it and hand it over.
    void Deliver(const Frame& frame, bool budgetCloses);

    class DeliveryEvent;
    /// A circuit finished its set-up: tell the source endpoint.
    void NotifyUp(uint32_t srcPort, uint32_t srcLane, uint32_t dstPort, uint32_t dstLane);
    /// @param port a port index; aborts naming the attribute if it is out of range
    void CheckPort(uint32_t port, const char* what) const;
    /// (Re)build the port table from NumPorts and LanesPerPort while no endpoint is attached.
    void BuildTable();
    /// @param n number of ports (>= 1, fixed once an endpoint is attached)
    void SetNPorts(uint32_t n);
    /// @param n lanes per port (>= 1, fixed once an endpoint is attached)
    void SetNLanes(uint32_t n);
    /// @param t reconfiguration time (>= 0)
    void SetReconfigurationTime(Time t);
    /// @param t switching latency (>= 0)
    void SetSwitchingLatency(Time t);
    /// @param db insertion loss (>= 0)
    void SetInsertionLoss(double db);
    /// Stop if the crossbar has stages, from which the attribute is taken.
    /// @param attribute ReconfigurationTime, SwitchingLatency or InsertionLoss
    void CheckNotFromStages(const char* attribute) const;
    /// @param w power per port (>= 0)
    void SetPortPower(double w);
    /// @param j energy per set-up, J (>= 0)
    void SetReconfigurationEnergy(double j);
    /// @param name a CrossbarTechnology preset name, or "" for none
    void SetTechnology(std::string name);
    /// @param limit largest NumPorts (0: the technology's)
    void SetPortLimit(uint32_t limit);
    /// @return the PortLimit attribute
    uint32_t GetPortLimitAttribute() const;
    /// Stop if NumPorts exceeds the port limit, naming the limit and the multi-stage way.
    void CheckPortLimit() const;
    /// Give the stages the port table's shape and take the path's figures from them.
    void ApplyStages();

    uint32_t m_nPorts;                                      //!< NumPorts attribute
    uint32_t m_nLanes;                                      //!< LanesPerPort attribute
    Time m_reconfigurationTime;                             //!< ReconfigurationTime attribute
    Time m_switchingLatency;                                //!< SwitchingLatency attribute
    double m_insertionLossDb;                               //!< InsertionLoss attribute
    double m_portPowerW;                                    //!< PortPower attribute
    std::string m_technology;                               //!< Technology attribute
    uint32_t m_portLimit;                                   //!< PortLimit attribute
    bool m_constructed;                                     //!< attributes all applied
    Ptr<CircuitScheduler> m_scheduler;                      //!< circuit policy
    Ptr<ClosFabric> m_stages;                               //!< stages behind it, or null
    std::unique_ptr<CrossbarPortTable> m_table;             //!< circuit state
    std::vector<CrossbarEndpoint*> m_endpoints;             //!< endpoint per port, or null
    std::vector<Ptr<OpticalChannel>> m_fibers;              //!< fiber per port (holds its NIC)
    std::unordered_map<uint64_t, uint32_t> m_portOfAddress; //!< MAC address -> port
    uint32_t m_nAttached;                                   //!< endpoints attached
    ByteCounters m_bytes;                                   //!< payload bytes launched into it
    PortFaultState m_faults;                                //!< failed parts, per port
    std::vector<uint32_t> m_failedSetUps;                   //!< per port: set-ups to fail

    TracedCallback<uint32_t, uint32_t, uint32_t, uint32_t> m_circuitUpTrace;   //!< CircuitUp
    TracedCallback<uint32_t, uint32_t, uint32_t, uint32_t> m_circuitDownTrace; //!< CircuitDown
    TracedCallback<Ptr<const Packet>, DropReason, uint32_t> m_dropTrace;       //!< Drop
    EventPool<DeliveryEvent> m_deliveries; //!< frame arrivals, reused (one per frame)

    // Energy (issue #15): counted per set-up, turned into joules only when asked.
    double m_reconfigurationJ;                                         //!< J per set-up
    uint64_t m_reconfigurations;                                       //!< set-ups that took time
    Time m_since;                                                      //!< creation
    TracedCallback<uint32_t, uint32_t, double> m_reconfigurationTrace; //!< Reconfiguration

    TracedCallback<uint32_t, bool> m_portStateTrace;       //!< PortState
    TracedCallback<uint32_t, uint32_t> m_setUpFailedTrace; //!< SetUpFailed
};

/**
 * A frame on its way to its receiver: an event of the crossbar's EventPool (one allocated per
 * frame was one heap allocation per message). It drops its packet and goes back to the pool
 * once the frame is handed over. Defined in this header because two files need it whole:
 * photonic-crossbar-data-path.cc takes events from the pool, photonic-crossbar.cc empties it.
 */
class PhotonicCrossbar::DeliveryEvent : public EventImpl
{
  public:
    PhotonicCrossbar* crossbar{nullptr}; //!< the crossbar
    Frame frame;                         //!< the frame
    bool budgetCloses{false};            //!< its path's link budget closes

  protected:
    void Notify() override
    {
        crossbar->Deliver(frame, budgetCloses);
        // Given back only now: a frame sent inside the delivery takes another event, and
        // this one is not overwritten while Deliver reads it.
        frame.frame = MacFrame();
        crossbar->m_deliveries.Give(this);
    }
};

} // namespace ns3

#endif /* SCALE_ACROSS_PHOTONIC_CROSSBAR_H */
