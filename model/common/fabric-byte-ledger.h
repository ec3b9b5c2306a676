/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_FABRIC_BYTE_LEDGER_H
#define SCALE_ACROSS_FABRIC_BYTE_LEDGER_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across
 * @brief Where the bytes a NIC launched into the fabric went, per source port (plain C++).
 *
 * The crossbar writes it as frames pass (launched, dropped at the crossbar, arrived decoded or
 * lost to the link budget); together with the device's own counters it proves, per device,
 *
 *   sent = dropped at the sender + queued + in flight + delivered + lost to the link budget.
 *
 * Frames still queued or in flight when the simulation stops are counted as such, never as
 * lost. O(ports) memory.
 */
class FabricByteLedger
{
  public:
    /// Bytes one source port launched, by fate. Payload bytes (no MAC header).
    struct Port
    {
        uint64_t inFlight{0};          //!< launched, not yet arrived or dropped
        uint64_t delivered{0};         //!< arrived and decoded
        uint64_t lostToLinkBudget{0};  //!< arrived but below the receiver's sensitivity
        uint64_t droppedAtCrossbar{0}; //!< no usable circuit at the crossbar
    };

    /// What the device on a port counted itself (payload bytes).
    struct DeviceCounts
    {
        uint64_t sent{0};              //!< offered to Send / SendFrom (every copy of a broadcast)
        uint64_t droppedAtSender{0};   //!< dropped by the device before launch, any reason
        uint64_t droppedAtCrossbar{0}; //!< the device's count of crossbar drops
        uint64_t queued{0};            //!< still in its queues
    };

    /// @param ports number of ports
    void Resize(uint32_t ports);

    /// @param port source port @param bytes a frame's payload entered the fiber
    void Launched(uint32_t port, uint64_t bytes);
    /// @param port source port @param bytes a frame's payload was dropped at the crossbar
    void DroppedAtCrossbar(uint32_t port, uint64_t bytes);
    /**
     * @brief A frame from port arrived at its receiver.
     * @param port source port
     * @param bytes its payload
     * @param decoded false if the link budget did not close
     */
    void Arrived(uint32_t port, uint64_t bytes, bool decoded);

    /// @param port a port @return its figures
    const Port& Get(uint32_t port) const;

    /**
     * @brief Check one device against the ledger.
     * @param device the device's counts
     * @param port the ledger's figures for its port
     * @return empty if sent = dropped at the sender + dropped at the crossbar + queued + in
     *         flight + delivered + lost to the link budget and the crossbar drops agree;
     *         otherwise one line with every term
     */
    static std::string Check(const DeviceCounts& device, const Port& port);

  private:
    std::vector<Port> m_ports; //!< by port
};

} // namespace ns3

#endif /* SCALE_ACROSS_FABRIC_BYTE_LEDGER_H */
