/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_PACKET_SWITCH_H
#define SCALE_ACROSS_PACKET_SWITCH_H

#include "packet-endpoint.h"
#include "switch-buffer.h"
#include "switch-routes.h"

#include "ns3/byte-conservation.h"
#include "ns3/drop-reason.h"
#include "ns3/fatal-error.h"
#include "ns3/object.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-electrical
 * @brief An output-queued packet switch with NumPorts ports on PacketLinks, lossless by
 * link-level flow control: credits (InfiniBand style) or PFC pause/resume (RoCE style).
 *
 * A cell that arrives (its tail, or its head if CutThrough) waits ForwardingLatency, is
 * routed to an output port and queued there in arrival order; each output sends its queue at
 * its link's rate (PacketEndpoint). The buffer, BufferBytes, is accounted per input port: the
 * sender into each port holds credits for BufferBytes / NumPorts bytes and sends only with
 * credit, so no cell is ever dropped for lack of buffer, and the switch never holds more than
 * BufferBytes. A cell's credits go back upstream when its serialization on the output ends.
 *
 * Routing is set by the fabric helpers as up/down routes: blocks of destination hosts reached
 * through down ports (AddDownRoute), and the up ports (SetUpPorts) for every other host.
 * Among the up ports a cell takes (Routing):
 *  - "ecmp": the port EcmpHash(source, destination, flow, Seed) picks, the same for every
 *    cell of a flow;
 *  - "spray": the next port in turn (per-packet spraying, round robin over the switch);
 *  - "adaptive": the port with the fewest bytes queued (ties: the next in turn).
 *
 * A cell with no route is dropped (NoRoute), counted and traced. The switch keeps a
 * ByteCounters: bytes that entered it (wire bytes of cells) = forwarded (delivered: their
 * serialization on an output has started) + queued + dropped.
 *
 * Abstracted away: ingress queuing inside the switch (output queues are ideal; head-of-line
 * blocking shows where a paused output holds every flow queued behind it), priorities and
 * virtual lanes (one traffic class: PFC pauses all of a port's traffic), congestion control
 * (DCQCN etc.).
 */
class PacketSwitch : public Object, public PacketEndpoint, public ByteCounted
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    PacketSwitch();
    ~PacketSwitch() override;

    // Delete copy constructor and assignment operator to avoid misuse
    PacketSwitch(const PacketSwitch&) = delete;
    PacketSwitch& operator=(const PacketSwitch&) = delete;

    /**
     * @brief Route the hosts firstHost ... lastHost down: host h leaves through port
     * firstPort + (h - firstHost) / hostsPerPort.
     * @param firstHost first host of the block
     * @param lastHost last host of the block
     * @param firstPort port of the first hostsPerPort hosts
     * @param hostsPerPort hosts behind each port (>= 1)
     */
    void AddDownRoute(uint32_t firstHost,
                      uint32_t lastHost,
                      uint32_t firstPort,
                      uint32_t hostsPerPort);
    /**
     * @brief Every host without a down route leaves through one of these ports.
     * @param firstPort first up port
     * @param count number of consecutive up ports (0: none)
     */
    void SetUpPorts(uint32_t firstPort, uint32_t count);
    /// @param name how reports name this switch, e.g. "leaf 3"
    void SetSwitchName(const std::string& name);

    /**
     * @brief The ECMP hash: a 32-bit mix of its arguments (splitmix64's finalizer).
     * @param src source host index
     * @param dst destination host index
     * @param flow FabricFlowTag flow
     * @param seed the Seed attribute
     * @return the hash; the up port is firstUp + hash % count
     */
    static uint32_t EcmpHash(uint32_t src, uint32_t dst, uint8_t flow, uint32_t seed);

    /**
     * @brief The output port a cell would take, without sending one (for path latencies).
     * @param src source host
     * @param dst destination host
     * @param flow FabricFlowTag flow
     * @return the port (ECMP: the hashed one; spray and adaptive: the first up port), or
     *         NumPorts if there is no route
     */
    uint32_t GetPathPort(uint32_t src, uint32_t dst, uint8_t flow) const;

    /// @return the NumPorts attribute
    uint32_t GetNPorts() const;
    /// @return the BufferBytes attribute
    uint64_t GetBufferBytes() const;
    /// @return wire bytes buffered now
    uint64_t GetBufferedBytes() const;
    /// @return the most wire bytes ever buffered at once
    uint64_t GetMaxBufferedBytes() const;
    /// @param port a port @return wire bytes queued for it
    uint64_t GetQueuedBytes(uint32_t port) const;
    /// @param port a port @return the most wire bytes ever queued for it
    uint64_t GetMaxQueuedBytes(uint32_t port) const;
    /// @param port an input port @return wire bytes buffered now that entered through it
    uint64_t GetIngressBytes(uint32_t port) const;
    /// @param port an input port @return the most wire bytes ever buffered from it
    uint64_t GetMaxIngressBytes(uint32_t port) const;
    /// @param port an input port @return pauses sent to its sender (PFC)
    uint64_t GetPausesSent(uint32_t port) const;
    /// @param port an input port @return resumes sent to its sender (PFC)
    uint64_t GetResumesSent(uint32_t port) const;
    /// @param port an input port @return total time its sender was paused, from each pause
    ///        sent to its resume sent (a pause still on counts up to now)
    Time GetPauseTime(uint32_t port) const;
    /// @param port an input port @return credits allotted to its sender (credit flow
    ///        control: what it holds, cells on the wire and buffered, credits on the way back)
    uint64_t GetAllocatedCredits(uint32_t port) const;
    /// @return the most credits ever allotted to all senders at once (never above
    ///         BufferBytes)
    uint64_t GetMaxCommittedCredits() const;
    /// @return the FlowControl attribute: "credit" or "pfc"
    std::string GetFlowControl() const;
    /// @return the BufferMode attribute: "partitioned" or "shared"
    std::string GetBufferMode() const;
    /// @return the buffer part (its settings once the first port is wired)
    const SwitchBuffer& GetBuffer() const;
    /// @return the AsicPowerWatts attribute, W
    double GetAsicPowerWatts() const;
    /// @return the AsicEnergyPerBitPicojoules attribute, pJ/bit
    double GetAsicEnergyPerBitPicojoules() const;
    /// @return bits the switch has sent on all its ports (wire bytes x 8)
    uint64_t GetBitsForwarded() const;
    /// @return ASIC energy since the switch was created, J: AsicEnergyPerBitPicojoules x
    ///         GetBitsForwarded() + AsicPowerWatts x the time since then (optics apart)
    double GetEnergyJoules() const;
    /**
     * @brief Check, before a run, that cells of a given size can cross every wired port
     * losslessly (one message naming the attribute to change otherwise).
     * @param cellWireBytes wire bytes of the largest cell
     */
    void CheckCellSize(uint32_t cellWireBytes) const;

    /// @return the FailureDetectionTime attribute
    Time GetFailureDetectionTime() const;
    /**
     * @brief Can a cell for a host get there from here, with the routes as they are (faults
     * detected so far taken out)? Its down port is usable and the switch behind it (if any)
     * reaches it; or, if it is not below, a usable up port leads to a switch that reaches it.
     * @param dst the host
     * @return true if a path remains
     */
    bool Reaches(uint32_t dst) const;

    // PacketEndpoint
    /**
     * @brief A fault took a port's link down: the cells queued for it are lost (their buffer
     * and credits freed), and after FailureDetectionTime the routes avoid it (an up port:
     * the other up ports take its flows; a down port: its hosts have no route). Its repair
     * brings it back into the routes at once.
     * @param port the port
     * @param up true if the link came up
     */
    void LinkStateChanged(uint32_t port, bool up) override;
    bool IsCutThrough() const override;
    Time GetForwardingLatency() const override;
    uint64_t GetIngressCredits(uint32_t port) const override;
    uint32_t GetEndpointContext() const override;

    // ByteCounted
    const ByteCounters& GetByteCounters() const override;
    std::string GetByteCountersName() const override;

    /**
     * TracedCallback signature for cells dropped by the switch.
     * @param [in] port the input port
     * @param [in] wireBytes the cell's wire bytes
     * @param [in] reason why
     */
    typedef void (*DropTracedCallback)(uint32_t port, uint32_t wireBytes, DropReason reason);

    /**
     * TracedCallback signature for a PFC pause sent.
     * @param [in] port the input port whose sender is paused
     * @param [in] ingressBytes wire bytes buffered from it
     */
    typedef void (*PfcPauseTracedCallback)(uint32_t port, uint64_t ingressBytes);

    /**
     * TracedCallback signature for a PFC resume sent.
     * @param [in] port the input port whose sender is resumed
     * @param [in] paused how long since its pause was sent
     */
    typedef void (*PfcResumeTracedCallback)(uint32_t port, Time paused);

    /**
     * TracedCallback signature for a change of the routes after a fault or a repair.
     * @param [in] port the port
     * @param [in] usable false if the routes stopped using it
     */
    typedef void (*RouteChangeTracedCallback)(uint32_t port, bool usable);

  protected:
    void DoDispose() override;

  private:
    const PacketCell* PeekCell(uint32_t port) override;
    void CellStarted(uint32_t port, Time start, Time end) override;
    void CellArrived(uint32_t port) override;
    void PortConnected(uint32_t port) override;

    /// A cell has left the buffer (sent or lost): free its space and send its sender's
    /// credits (or a resume) back. @param cell it @param start now @param end when its
    /// serialization ends (start if it was lost)
    void ReleaseBuffer(const PacketCell& cell, Time start, Time end);
    /// A fault: drop every cell queued for a port. @param port it @param reason why
    void FlushPort(uint32_t port, DropReason reason);
    /// FailureDetectionTime after a fault: stop routing to the port. @param port it
    void DetectFailure(uint32_t port);
    /**
     * @brief After a detected fault anywhere: keep a cell off an up port whose switch no
     * longer reaches its destination (the routing protocol has withdrawn that path), choosing
     * among the up ports that do (ECMP: by the hash; spray and adaptive: the least queued).
     * @param cell the cell
     * @param out the port the routes chose
     * @return the port to take, or NumPorts if no path remains
     */
    uint32_t AvoidFaults(const PacketCell& cell, uint32_t out) const;
    /// @param port a port @return the switch at its far end, or nullptr (a host, or none)
    const PacketSwitch* PeerSwitch(uint32_t port) const;
    /// @param t the FailureDetectionTime attribute (>= 0)
    void SetFailureDetectionTime(Time t);
    /// @param n the NumPorts attribute
    void SetNPorts(uint32_t n);
    /// @param bytes the BufferBytes attribute
    void SetBufferBytes(uint64_t bytes);
    /**
     * @brief The setter of a buffer attribute (SharedAlpha, SharedReservedBytes, Pfc*):
     * refused once a port is wired, when the buffer took the settings.
     * @tparam T the setting's type
     * @tparam Field the setting in m_settings
     * @tparam Name the attribute's name
     * @param value the value
     */
    template <typename T, T SwitchBuffer::Settings::*Field, const char* Name>
    void SetBufferSetting(T value);
    /**
     * @tparam T the setting's type
     * @tparam Field the setting in m_settings
     * @return the buffer attribute's value
     */
    template <typename T, T SwitchBuffer::Settings::*Field>
    T GetBufferSetting() const;
    /// @param latency the ForwardingLatency attribute
    void SetForwardingLatency(Time latency);
    /// @param cutThrough the CutThrough attribute
    void SetCutThrough(bool cutThrough);
    /// @param routing the Routing attribute
    void SetRouting(std::string routing);
    /// @return the Routing attribute
    std::string GetRouting() const;
    /// @param mode the FlowControl attribute
    void SetFlowControl(std::string mode);
    /// @param mode the BufferMode attribute
    void SetBufferMode(std::string mode);
    /// Abort if a port is wired (the buffer takes its settings then). @param what the attribute
    void CheckNotWired(const std::string& what) const;

    /**
     * @brief Run a call into the plain-C++ parts (SwitchBuffer, SwitchRoutes), which refuse
     * bad settings with std::invalid_argument: that becomes the program's one fatal line.
     * @tparam Call the call's type
     * @param call the call
     * @return what it returns
     */
    template <typename Call>
    static auto Checked(Call call) -> decltype(call())
    {
        try
        {
            return call();
        }
        catch (const std::invalid_argument& e)
        {
            NS_FATAL_ERROR(e.what());
        }
    }

    /// @param p a wired port @return bytes its link carries in 2 x delay + ForwardingLatency
    uint64_t RoundTripBytes(const Port& p) const;

    uint32_t m_nPorts;                             //!< NumPorts attribute
    Time m_latency;                                //!< ForwardingLatency attribute
    bool m_cutThrough;                             //!< CutThrough attribute
    uint32_t m_seed;                               //!< Seed attribute
    std::string m_name;                            //!< for reports
    SwitchRoutes m_routes;                         //!< routes and Routing attribute
    std::vector<CompactFifo<PacketCell>> m_queues; //!< output queues
    std::vector<uint64_t> m_queueBytes;            //!< wire bytes per output queue
    std::vector<uint64_t> m_maxQueueBytes;         //!< most wire bytes per output queue
    uint64_t m_buffered;                           //!< wire bytes in all queues
    uint64_t m_maxBuffered;                        //!< most wire bytes in all queues
    bool m_watched;                                //!< registered with ByteConservation
    /// The buffer attributes (FlowControl, BufferMode, BufferBytes, Shared*, Pfc*), which the
    /// buffer takes when the first port is wired: each setter refuses a change after that.
    SwitchBuffer::Settings m_settings;
    SwitchBuffer m_buffer;           //!< per input port accounting
    std::vector<Time> m_pauseSince;  //!< per input port: its pause was sent
    std::vector<Time> m_pauseTime;   //!< per input port: closed pauses
    std::vector<uint64_t> m_pauses;  //!< per input port: pauses sent
    std::vector<uint64_t> m_resumes; //!< per input port: resumes sent
    ByteCounters m_bytes;            //!< entered = forwarded + queued + dropped
    double m_asicWatts;              //!< AsicPowerWatts attribute
    double m_asicPjPerBit;           //!< AsicEnergyPerBitPicojoules attribute
    Time m_since;                    //!< creation (start of its static energy)
    TracedCallback<uint32_t, uint32_t, DropReason> m_dropTrace; //!< Drop
    TracedCallback<uint32_t, uint64_t> m_pfcPauseTrace;         //!< PfcPause
    TracedCallback<uint32_t, Time> m_pfcResumeTrace;            //!< PfcResume
    TracedCallback<uint32_t, bool> m_routeChangeTrace;          //!< RouteChange
    Time m_detectionTime;                                       //!< FailureDetectionTime
    std::vector<EventId> m_detect; //!< per port: pending detection of its failure
    /// Ports out of the routes after a detected fault, over every switch in the process:
    /// while none is, routing skips AvoidFaults (the fault-free path pays one test per cell).
    static uint32_t s_portsOutOfRoutes;
    mutable std::vector<uint32_t> m_viable; //!< AvoidFaults' scratch list of up ports
};

} // namespace ns3

#endif /* SCALE_ACROSS_PACKET_SWITCH_H */
