/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_PACKET_ENDPOINT_H
#define SCALE_ACROSS_PACKET_ENDPOINT_H

#include "packet-cell.h"
#include "packet-link.h"

#include "ns3/compact-fifo.h"
#include "ns3/event-pool.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-electrical
 * @brief What a host NIC (PacketNetDevice) and a PacketSwitch share: ports on PacketLinks,
 * each with a transmitter and credit-based link-level flow control.
 *
 * Each port sends the cells its owner queues for it, one at a time at the link's rate, in
 * order. A cell of w wire bytes started at time s on a link of rate B and delay d is
 * serialized until s + w/B and is handed to the far end at
 *  - s + d + L (head arrival plus the far end's forwarding latency L) if the far end cuts
 *    through;
 *  - s + w/B + d + L (tail arrival plus L) otherwise (store-and-forward, and every host NIC,
 *    whose L is 0).
 * A cut-through switch never sends a cell's tail before it has arrived: on an output faster
 * than the input the cell starts no earlier than (its tail's arrival + L) - w/B_out.
 *
 * Serialization times are whole time steps; each port carries the fraction left over to its
 * next cell, so a train of cells takes its exact time to within one step (1 ns by default),
 * whatever the cell size (4 KiB at 6.4 Tb/s is 5.1375 ns).
 *
 * Flow control (InfiniBand style): a port toward a switch holds credits, in bytes, for the
 * part of that switch's buffer its ingress may use (PacketSwitch::GetIngressCredits). It
 * starts a cell only with credits for all its wire bytes, and spends them; the switch returns
 * them when the cell has left it (end of its serialization on the output), and they reach the
 * sender one link delay later. So nothing is ever dropped for lack of buffer: a port without
 * credit waits (a credit stall, counted, timed and traced when it ends). Ports toward a host
 * NIC need no credit (the host takes cells at line rate).
 *
 * Flow control (RoCE style, PFC): a port toward a switch whose FlowControl is pfc holds no
 * credits; the switch pauses and resumes it (SetPaused), each order taking effect one link
 * delay after the switch sent it (the PAUSE frame's flight; the frame itself is not put on the
 * link: 64 bytes, under a nanosecond at 800 Gb/s). A paused port finishes the cell it has
 * started and starts no other until resumed; each wait is counted, timed and traced
 * (PauseStall) when it ends. Pauses and resumes carry the time they take effect, so they cost
 * no event unless the port is waiting.
 *
 * Costs: one event per cell and hop (its arrival), plus at most one to start the next cell
 * when the port was busy or waiting for credit; credits returned while the sender is not
 * waiting cost no event (they carry the time they become usable).
 */
class PacketEndpoint
{
  public:
    PacketEndpoint();
    virtual ~PacketEndpoint();

    /**
     * @brief Wire a port to the far end of a link (PacketLink::Connect calls this on both ends).
     * @param port this endpoint's port
     * @param link the link
     * @param peer the far end
     * @param peerPort its port
     */
    void ConnectPort(uint32_t port, Ptr<PacketLink> link, PacketEndpoint* peer, uint32_t peerPort);

    /// @return ports of this endpoint (1 for a NIC)
    uint32_t GetNPacketPorts() const;
    /// @param port a port @return true if it is wired to a link
    bool IsPortConnected(uint32_t port) const;
    /// @param port a port @return its link, or nullptr
    Ptr<PacketLink> GetPortLink(uint32_t port) const;
    /// @param port a port @return the far end, or nullptr
    PacketEndpoint* GetPortPeer(uint32_t port) const;
    /// @param port a port @return the far end's port
    uint32_t GetPortPeerPort(uint32_t port) const;
    /// @param port a port @return total time it waited for credit (stalls still open count
    ///        up to now)
    Time GetCreditStallTime(uint32_t port) const;
    /// @param port a port @return how many times it started waiting for credit
    uint64_t GetCreditStalls(uint32_t port) const;
    /// @param port a port @return credits it holds now, bytes (returned credits still on the
    ///        way are not counted)
    uint64_t GetCredits(uint32_t port) const;
    /// @param port a port @return credits it held at wiring (0: the far end needs none)
    uint64_t GetInitialCredits(uint32_t port) const;
    /// @param port a port @return how many times it started waiting for a resume (PFC)
    uint64_t GetPauseStalls(uint32_t port) const;
    /// @param port a port @return total time it waited for a resume (a wait still open counts
    ///        up to now)
    Time GetPauseStallTime(uint32_t port) const;
    /// @param port a port @return pause orders it received (PFC; those not yet in effect too)
    uint64_t GetPausesReceived(uint32_t port) const;
    /// @param port a port @return resume orders it received (PFC)
    uint64_t GetResumesReceived(uint32_t port) const;
    /// @param port a port @return cells sent by it
    uint64_t GetTxCells(uint32_t port) const;
    /// @param port a port @return wire bytes sent by it
    uint64_t GetTxWireBytes(uint32_t port) const;

    /// @return true if cells are forwarded from their head (cut-through)
    virtual bool IsCutThrough() const = 0;
    /// @return time from a cell's arrival (head or tail, see IsCutThrough) to its forwarding
    virtual Time GetForwardingLatency() const = 0;
    /// @param port a port of this endpoint @return bytes of buffer the sender into it may
    ///        fill (its credits); 0 for unlimited (hosts)
    virtual uint64_t GetIngressCredits(uint32_t port) const = 0;
    /// @return the simulation context of events at this endpoint (node id, or a switch's)
    virtual uint32_t GetEndpointContext() const = 0;

    /**
     * @brief Credits return: they become usable at a given time.
     * @param port the port that spent them
     * @param at when they reach it
     * @param bytes how many
     */
    void AddCredits(uint32_t port, Time at, uint32_t bytes);

    /**
     * @brief PFC: the far end pauses or resumes this port's sending.
     * @param port the port
     * @param at when the order reaches it (its cells started before still go)
     * @param paused true to pause, false to resume
     */
    void SetPaused(uint32_t port, Time at, bool paused);

    /**
     * @brief Serialization time, rounded to the nearest time step.
     * @param wireBytes bytes
     * @param bitsPerSecond rate
     * @return wireBytes x 8 / bitsPerSecond
     */
    static Time SerializationTime(uint64_t wireBytes, uint64_t bitsPerSecond);

    /**
     * TracedCallback signature for the end of a credit stall.
     * @param [in] port the port that waited
     * @param [in] duration how long it waited
     */
    typedef void (*CreditStallTracedCallback)(uint32_t port, Time duration);

    /**
     * TracedCallback signature for the end of a wait for a PFC resume.
     * @param [in] port the port that waited
     * @param [in] duration how long it waited
     */
    typedef void (*PauseStallTracedCallback)(uint32_t port, Time duration);

  protected:
    /// State of one port: its link, its transmitter, its credits and the cells coming in.
    struct Port
    {
        Ptr<PacketLink> link;                              //!< the link
        PacketEndpoint* peer{nullptr};                     //!< far end
        uint32_t peerPort{0};                              //!< far end's port
        uint64_t bps{0};                                   //!< link rate, bit/s
        uint64_t stepsPerSecond{0};                        //!< time resolution
        uint64_t txRemainder{0};                           //!< serialization carried, bit-steps
        Time delay;                                        //!< link delay, transceivers too
        bool peerCutThrough{false};                        //!< far end cuts through
        Time peerLatency;                                  //!< far end's forwarding latency
        Time busyUntil;                                    //!< end of the cell on the wire
        bool wakePending{false};                           //!< a start of its next cell is planned
        bool limited{false};                               //!< the far end needs credits
        uint64_t initialCredits{0};                        //!< credits at wiring
        uint64_t credits{0};                               //!< usable credits, bytes
        CompactFifo<std::pair<int64_t, uint32_t>> pending; //!< returned credits on the way
        int64_t lastCreditStep{0};                         //!< time of the newest pending
        bool stalled{false};                               //!< waiting for credit
        Time stallSince;                                   //!< start of the open stall
        Time stallTime;                                    //!< closed stalls, total
        uint64_t stalls{0};                                //!< stalls started
        CompactFifo<std::pair<int64_t, bool>> orders;      //!< PFC orders on the way
        int64_t lastOrderStep{0};                          //!< time of the newest order
        bool paused{false};                                //!< a pause is in effect
        bool pauseWaiting{false};                          //!< waiting for a resume
        Time pauseSince;                                   //!< start of the open wait
        Time pauseTime;                                    //!< closed waits, total
        uint64_t pauseStalls{0};                           //!< waits started
        uint64_t pausesReceived{0};                        //!< pause orders
        uint64_t resumesReceived{0};                       //!< resume orders
        uint64_t txCells{0};                               //!< cells sent
        uint64_t txWireBytes{0};                           //!< wire bytes sent
        CompactFifo<PacketCell> arriving;                  //!< cells on the link toward here
    };

    /// @param n number of ports (call once, before wiring)
    void SetNPacketPorts(uint32_t n);
    /// Start the next cell on a port if it is free, has a cell and has credit.
    /// @param port the port
    void TryStart(uint32_t port);
    /// @param port a port @return the cell that arrived first on it (removed)
    PacketCell TakeArrival(uint32_t port);
    /// Cancel every event and drop every reference (DoDispose).
    void DisposePorts();

    /**
     * @param port a port
     * @return the next cell the owner wants sent on it, or nullptr if none
     */
    virtual const PacketCell* PeekCell(uint32_t port) = 0;
    /**
     * @brief The owner's head cell for a port has started: remove it and account for it.
     * @param port the port
     * @param start start of its serialization (now)
     * @param end end of its serialization
     */
    virtual void CellStarted(uint32_t port, Time start, Time end) = 0;
    /// Event: the first cell of a port's arriving queue is here (head or tail, see
    /// IsCutThrough). @param port the port
    virtual void CellArrived(uint32_t port) = 0;
    /// A port has just been wired (ConnectPort). @param port the port
    virtual void PortConnected(uint32_t port);

  public:
    /**
     * @brief A fault took a port's link down, or its repair brought it up (PacketLink calls
     * this on both ends). Nothing by default: a down port starts no cell (TryStart), and cells
     * that were on the link are lost when they would arrive, whatever the owner does.
     * @param port the port
     * @param up true if the link came up
     */
    virtual void LinkStateChanged(uint32_t port, bool up);

  protected:
    std::vector<Port> m_ports;                         //!< the ports
    TracedCallback<uint32_t, Time> m_creditStallTrace; //!< CreditStall
    TracedCallback<uint32_t, Time> m_pauseStallTrace;  //!< PauseStall

  private:
    class PortEvent;

    /**
     * @brief Schedule a port's event from this endpoint's pool (no allocation once the pool
     * has grown to the most pending at once).
     * @param context the event's node context
     * @param delay from now
     * @param port the port
     * @param arrival true: Arrive; false: Wake
     */
    void SchedulePortEvent(uint32_t context, Time delay, uint32_t port, bool arrival);
    /// Plan Wake on a port at now + delay (none may be planned). @param port it @param delay
    void ScheduleWake(uint32_t port, Time delay);
    /// Event: a port may start its next cell. @param port the port
    void Wake(uint32_t port);
    /// Event: the first cell of a port's arriving queue is here; lost (its sender told, its
    /// credits returned) if its link went down since it was sent, else CellArrived.
    /// @param port the port
    void Arrive(uint32_t port);
    /// Move credits whose time has come into the usable ones. @param p the port
    static void AbsorbCredits(Port& p, int64_t now);
    /// @param p a port @param need bytes @return the time step when the pending credits
    ///        cover need, or -1 if they never do
    static int64_t WhenCovered(const Port& p, uint64_t need);
    /// Start waiting for credit (or keep waiting). @param port the port @param need bytes
    void Stall(uint32_t port, uint64_t need);
    /// Apply the PFC orders whose time has come. @param p the port @param now time step
    static void AbsorbOrders(Port& p, int64_t now);
    /// Start waiting for a resume (or keep waiting). @param port the port
    void PauseStall(uint32_t port);

    // Events of this endpoint's ports (arrivals here and wakes of its transmitters), reused:
    // an ns-3 MakeEvent costs an allocation and a free per cell hop.
    EventPool<PortEvent> m_events; //!< the pool
    bool m_disposed{false};        //!< DisposePorts has run: events still pending do nothing
};

} // namespace ns3

#endif /* SCALE_ACROSS_PACKET_ENDPOINT_H */
