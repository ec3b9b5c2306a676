/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_PHOTONIC_CROSSBAR_H
#define SCALE_ACROSS_PHOTONIC_CROSSBAR_H

#include "ns3/crossbar-port-table.h"
#include "ns3/fabric-byte-ledger.h"
#include "ns3/mac48-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/optical-drop-reason.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{

class CircuitScheduler;
class OpticalChannel;
class OpticalNetDevice;

/**
 * @ingroup scale-across
 * @brief An N-port bufferless photonic circuit switch.
 *
 * Each port takes one OpticalNetDevice through its OpticalChannel (fiber). Each port has
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
 */
class PhotonicCrossbar : public Object
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
     * @brief Connect a device, through its fiber, to a port.
     * @param device the device
     * @param fiber the fiber between the device and the port
     * @param port port index, 0 ... NumPorts - 1, not yet used
     */
    void AttachDevice(Ptr<OpticalNetDevice> device, Ptr<OpticalChannel> fiber, uint32_t port);

    /// @return number of ports
    uint32_t GetNPorts() const;
    /// @return lanes per port
    uint32_t GetNLanes() const;
    /// @param port a port @return the device on it, or nullptr
    Ptr<OpticalNetDevice> GetDevice(uint32_t port) const;
    /// @param address a MAC address @return the port whose device has it, or -1
    int64_t LookupPort(Mac48Address address) const;
    /// @return the circuit scheduler (an OnDemandCircuitScheduler unless one was set)
    Ptr<CircuitScheduler> GetScheduler() const;
    /// @param scheduler the circuit scheduler to use (before the simulation starts)
    void SetScheduler(Ptr<CircuitScheduler> scheduler);
    /// @return the circuit state (read only)
    const CrossbarPortTable& GetPortTable() const;
    /// @return time to set up a circuit
    Time GetReconfigurationTime() const;
    /// @return latency of one traversal
    Time GetSwitchingLatency() const;
    /// @return insertion loss of one traversal, dB
    double GetInsertionLossDb() const;
    /// @return static power of the crossbar: NumPorts x PortPower, W
    double GetStaticPowerWatts() const;
    /// @return the PortPower attribute, W
    double GetPortPower() const;

    /// @return where the bytes launched from each port went
    const FabricByteLedger& GetLedger() const;
    /**
     * @brief Byte conservation, per device: every byte its device was asked to send was
     * dropped with a reason, is still queued or in flight, or was delivered.
     * @param report set to one line per device that does not balance
     * @return true if every device balances
     */
    bool CheckConservation(std::string& report) const;

    /**
     * @brief Set up a circuit (called by schedulers). Both ends must be free.
     * @param srcPort source port
     * @param srcLane source lane
     * @param dstPort destination port
     * @param dstLane destination lane
     * @param reconfigure false for circuits that exist before the run (no set-up time)
     * @return time from which the circuit is usable
     */
    Time EstablishCircuit(uint32_t srcPort,
                          uint32_t srcLane,
                          uint32_t dstPort,
                          uint32_t dstLane,
                          bool reconfigure = true);

    /**
     * @brief Tear down the circuit on (srcPort, srcLane) (called by schedulers).
     * Its ends become free once its last accepted frame has left the crossbar.
     * @param srcPort source port
     * @param srcLane source lane
     */
    void ReleaseCircuit(uint32_t srcPort, uint32_t srcLane);

    /**
     * @brief Tell the NIC on srcPort that it will never get a circuit to dstPort.
     * @param srcPort source port
     * @param dstPort destination port
     */
    void RejectCircuit(uint32_t srcPort, uint32_t dstPort);

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
     * @param frame the frame, with its MAC header
     * @param srcPort the NIC's port
     * @param srcLane the lane it is sent on
     * @param dstPort the destination port
     * @param serialization its serialization time
     */
    void Transmit(Ptr<Packet> frame,
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
    typedef void (*DropTracedCallback)(Ptr<const Packet> frame,
                                       OpticalDropReason reason,
                                       uint32_t port);

  protected:
    void DoInitialize() override;
    void DoDispose() override;

  private:
    /// Check the circuit when the frame's first bit reaches the crossbar.
    void CheckAtCrossbar(Ptr<Packet> frame,
                         uint32_t srcPort,
                         uint32_t srcLane,
                         uint32_t dstPort,
                         Time serialization);
    /// Accept a frame on its circuit and schedule its arrival.
    void Forward(Ptr<Packet> frame,
                 uint32_t srcPort,
                 uint32_t srcLane,
                 uint32_t dstPort,
                 Time head,
                 Time serialization);
    /// Drop a frame at the crossbar and tell its sender.
    void DropAtCrossbar(Ptr<Packet> frame, uint32_t srcPort, uint32_t srcLane, Time head);
    /// A frame's last bit reaches its receiver: account for it and hand it over.
    void Deliver(Ptr<Packet> frame, uint32_t srcPort, uint32_t dstPort, bool budgetCloses);
    /// Run at Simulator::Destroy: stop with the report if bytes do not balance.
    void CheckConservationAtDestroy();
    /// A circuit finished its set-up: tell the source NIC.
    void NotifyUp(uint32_t srcPort, uint32_t srcLane, uint32_t dstPort, uint32_t dstLane);
    /// @param port a port index; aborts naming the attribute if it is out of range
    void CheckPort(uint32_t port, const char* what) const;
    /// Build the port table from NumPorts and LanesPerPort on first use.
    CrossbarPortTable& Table();
    /// @param n number of ports (>= 1, fixed once a device is attached)
    void SetNPorts(uint32_t n);
    /// @param n lanes per port (>= 1, fixed once a device is attached)
    void SetNLanes(uint32_t n);
    /// @param t reconfiguration time (>= 0)
    void SetReconfigurationTime(Time t);
    /// @param t switching latency (>= 0)
    void SetSwitchingLatency(Time t);
    /// @param db insertion loss (>= 0)
    void SetInsertionLoss(double db);
    /// @param w power per port (>= 0)
    void SetPortPower(double w);

    uint32_t m_nPorts;                                      //!< NumPorts attribute
    uint32_t m_nLanes;                                      //!< LanesPerPort attribute
    Time m_reconfigurationTime;                             //!< ReconfigurationTime attribute
    Time m_switchingLatency;                                //!< SwitchingLatency attribute
    double m_insertionLossDb;                               //!< InsertionLoss attribute
    double m_portPowerW;                                    //!< PortPower attribute
    Ptr<CircuitScheduler> m_scheduler;                      //!< circuit policy
    std::unique_ptr<CrossbarPortTable> m_table;             //!< circuit state
    std::vector<Ptr<OpticalNetDevice>> m_devices;           //!< device per port
    std::vector<Ptr<OpticalChannel>> m_fibers;              //!< fiber per port
    std::unordered_map<uint64_t, uint32_t> m_portOfAddress; //!< MAC address -> port
    FabricByteLedger m_ledger;                              //!< bytes by source port and fate
    bool m_checkConservation;                               //!< CheckConservation attribute
    bool m_checkScheduled;                                  //!< the check at Destroy is set

    TracedCallback<uint32_t, uint32_t, uint32_t, uint32_t> m_circuitUpTrace;    //!< CircuitUp
    TracedCallback<uint32_t, uint32_t, uint32_t, uint32_t> m_circuitDownTrace;  //!< CircuitDown
    TracedCallback<Ptr<const Packet>, OpticalDropReason, uint32_t> m_dropTrace; //!< Drop
};

} // namespace ns3

#endif /* SCALE_ACROSS_PHOTONIC_CROSSBAR_H */
