/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_SWITCH_BUFFER_H
#define SCALE_ACROSS_SWITCH_BUFFER_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-electrical
 * @brief The buffer of a PacketSwitch, accounted per ingress port, and the link-level flow
 * control that keeps it lossless (plain C++: bytes only; the switch keeps the times).
 *
 * The switch tells it every cell that enters (Arrive) and leaves (Depart) through an input
 * port; it answers what the switch must tell that port's sender. Two flow controls:
 *  - CREDIT (InfiniBand style): the sender holds credits and sends only with them. Partitioned:
 *    each port's sender holds BufferBytes / NumPorts, and a leaving cell's credits go back.
 *    Shared: each sender starts with SharedReservedBytes (R); its allocation A_i (credits it
 *    holds, cells on the wire, buffered and credits on their way back) grows by grants from
 *    the pool, at each arrival, to at most R + alpha x free (free = BufferBytes - sum A_j; the
 *    grant g solves A_i + g = R + alpha (free - g), at most 4 GiB), and shrinks by keeping a
 *    leaving cell's credits when A_i is above that limit (never below R). Grants come only
 *    from free buffer, so sum A_j <= BufferBytes: never over-committed.
 *  - PFC (RoCE style): the sender sends until paused. Port i is paused when its occupancy q_i
 *    reaches its XOFF threshold, and resumed when it falls to XON. Each port keeps
 *    PfcHeadroomBytes for what arrives during the pause's round trip; HeadroomNeeded gives
 *    the least that is lossless. Partitioned: XOFF = PfcXoffBytes, and PfcXoffBytes +
 *    PfcHeadroomBytes must fit BufferBytes / NumPorts. Shared (Broadcom-style dynamic
 *    threshold): the pool is P = BufferBytes - NumPorts x PfcHeadroomBytes, port i is paused
 *    when q_i >= min(PfcXoffBytes, alpha (P - Q)), Q the bytes buffered, and resumed when q_i
 *    <= PfcXonBytes and q_i < alpha (P - Q), or when it is empty. Once Q >= P every arrival
 *    at an unpaused port pauses it, and no port then takes more than its headroom: Q stays
 *    below P + NumPorts x PfcHeadroomBytes = BufferBytes.
 */
class SwitchBuffer
{
  public:
    /// Link-level flow control.
    enum class FlowControl : uint8_t
    {
        CREDIT, //!< credits (InfiniBand style)
        PFC,    //!< pause and resume (RoCE style)
    };

    /// How the buffer is shared among input ports.
    enum class Mode : uint8_t
    {
        PARTITIONED, //!< BufferBytes / NumPorts each
        SHARED,      //!< one pool with a dynamic threshold
    };

    /// The switch's attributes this part uses.
    struct Settings
    {
        FlowControl flowControl{FlowControl::CREDIT}; //!< FlowControl
        Mode mode{Mode::PARTITIONED};                 //!< BufferMode
        uint64_t bufferBytes{0};                      //!< BufferBytes
        uint32_t ports{0};                            //!< NumPorts
        double alpha{0};                              //!< SharedAlpha
        uint64_t reservedBytes{0};                    //!< SharedReservedBytes (credits)
        uint64_t headroomBytes{0};                    //!< PfcHeadroomBytes
        uint64_t xoffBytes{0};                        //!< PfcXoffBytes
        uint64_t xonBytes{0};                         //!< PfcXonBytes
    };

    /// What a sender must be told after an arrival.
    struct Arrival
    {
        uint64_t grant{0}; //!< extra credits for it (shared credits)
        bool pause{false}; //!< pause it (PFC)
    };

    /// What a sender must be told after a departure.
    struct Departure
    {
        uint64_t credits{0}; //!< credits returned to it
        bool resume{false};  //!< resume it (PFC)
    };

    /// @param name "credit" or "pfc" (else std::invalid_argument) @return the flow control
    static FlowControl ParseFlowControl(const std::string& name);
    /// @param fc a flow control @return its name
    static std::string FlowControlName(FlowControl fc);
    /// @param name "partitioned" or "shared" (else std::invalid_argument) @return the mode
    static Mode ParseMode(const std::string& name);
    /// @param mode a buffer mode @return its name
    static std::string ModeName(Mode mode);

    /**
     * @param s settings
     * @return the credits a port's sender starts with: BufferBytes / NumPorts (at least 1)
     *         partitioned, ReservedBytes shared, 0 under PFC (no credits)
     */
    static uint64_t InitialCredits(const Settings& s);

    /**
     * @brief The least PFC headroom that is lossless on a port.
     * @param roundTripBytes bytes the link carries in 2 x delay + the switch's forwarding
     *        latency (rounded up)
     * @param cellWireBytes wire bytes of the largest cell
     * @return roundTripBytes + 2 x cellWireBytes (the cell that crossed XOFF, and the one
     *         the sender had started when the pause reached it)
     */
    static uint64_t HeadroomNeeded(uint64_t roundTripBytes, uint64_t cellWireBytes);

    /**
     * @param timeSteps a duration, in time steps
     * @param bitsPerSecond a link's rate
     * @param stepsPerSecond time steps per second
     * @return the bytes the link carries in that time, rounded up
     */
    static uint64_t BytesIn(uint64_t timeSteps, uint64_t bitsPerSecond, uint64_t stepsPerSecond);

    /**
     * @brief Take the settings (once, when the first port is wired) and check them together.
     * @param s settings
     */
    void Configure(const Settings& s);
    /// @return true once Configure has run
    bool IsConfigured() const;
    /// @return the settings
    const Settings& GetSettings() const;

    /**
     * @brief A port is wired: its allocation starts at its initial credits; under PFC, check
     * that the headroom covers the link's round trip with one byte cells (the cells' own
     * size is checked at their arrival, see CheckCell).
     * @param port the port
     * @param roundTripBytes see HeadroomNeeded
     */
    void Connect(uint32_t port, uint64_t roundTripBytes);
    /**
     * @param port a port @param cellWireBytes a cell's wire bytes
     * @return true if PFC on this port stays lossless with cells of that size
     */
    bool CellFits(uint32_t port, uint64_t cellWireBytes) const;
    /**
     * @brief Refuse (std::invalid_argument, naming the attribute to change and the value that
     * works) cells that do not fit a port's credits or PFC headroom.
     * @param port a wired port
     * @param cellWireBytes a cell's wire bytes
     * @param where how the message names the switch
     */
    void CheckCell(uint32_t port, uint64_t cellWireBytes, const std::string& where) const;

    /**
     * @brief A cell entered through a port.
     * @param port the input port
     * @param wire its wire bytes
     * @return what to tell the port's sender
     */
    Arrival Arrive(uint32_t port, uint32_t wire);
    /**
     * @brief A cell that entered through a port has left (its serialization started).
     * @param port its input port
     * @param wire its wire bytes
     * @return what to tell the port's sender
     */
    Departure Depart(uint32_t port, uint32_t wire);

    /// @param port a port @return wire bytes buffered that entered through it
    uint64_t GetIngressBytes(uint32_t port) const;
    /// @param port a port @return the most wire bytes ever buffered from it
    uint64_t GetMaxIngressBytes(uint32_t port) const;
    /// @param port a port @return its allocation (credits)
    uint64_t GetAllocation(uint32_t port) const;
    /// @param port a port @return true if its sender is paused (PFC)
    bool IsPaused(uint32_t port) const;
    /// @return the sum of allocations (credits)
    uint64_t GetCommittedBytes() const;
    /// @return the most ever committed (credits)
    uint64_t GetMaxCommittedBytes() const;
    /// @return the PFC shared pool P (0 unless PFC and shared)
    uint64_t GetPoolBytes() const;

  private:
    /// @return alpha x the free buffer that sets the dynamic threshold now
    double DynamicLimit() const;

    /// One input port.
    struct PortState
    {
        uint64_t bytes{0};      //!< buffered from it
        uint64_t maxBytes{0};   //!< most buffered from it
        uint64_t allocation{0}; //!< credits allotted (credit flow control)
        uint64_t roundTrip{0};  //!< bytes in flight during a pause's round trip (PFC)
        uint64_t cellLimit{0};  //!< largest lossless cell (PFC)
        bool paused{false};     //!< its sender is paused (PFC)
    };

    Settings m_s;                  //!< settings
    bool m_configured{false};      //!< Configure ran
    std::vector<PortState> m_port; //!< per input port
    uint64_t m_total{0};           //!< bytes buffered
    uint64_t m_committed{0};       //!< sum of allocations
    uint64_t m_maxCommitted{0};    //!< most committed
    uint64_t m_pool{0};            //!< PFC shared pool
};

} // namespace ns3

#endif /* SCALE_ACROSS_SWITCH_BUFFER_H */
