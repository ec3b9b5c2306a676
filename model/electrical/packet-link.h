/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_PACKET_LINK_H
#define SCALE_ACROSS_PACKET_LINK_H

#include "packet-transceiver.h"

#include "ns3/channel.h"
#include "ns3/data-rate.h"
#include "ns3/drop-reason.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"

#include <array>

namespace ns3
{

class PacketEndpoint;

/**
 * @ingroup scale-across-electrical
 * @brief A full-duplex point-to-point link of a packet fabric, between two ends: a host NIC
 * (PacketNetDevice) and a switch port, or two switch ports.
 *
 * Each direction carries cells at DataRate after a propagation Delay; the two directions are
 * independent. The link only describes itself: the ports at its ends (PacketEndpoint) send
 * and time the cells. Switch ends are not ns-3 NetDevices (a PacketSwitch is one object with
 * flat per-port state), so GetNDevices() counts only the host ends (0, 1 or 2).
 *
 * Each end may have a PacketTransceiver (SetTransceivers, before Connect): a cell then takes
 * GetPathDelay() = Delay + both transceivers' Latency from one end to the other.
 *
 * Abstracted away: bit errors, FEC and its latency, link training, the preamble and
 * inter-frame gap (add them to the NIC's HeaderBytes if wanted).
 */
class PacketLink : public Channel
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    PacketLink();
    ~PacketLink() override;

    // Delete copy constructor and assignment operator to avoid misuse
    PacketLink(const PacketLink&) = delete;
    PacketLink& operator=(const PacketLink&) = delete;

    /**
     * @brief Join two ports; each may then send to the other.
     * @param a one end
     * @param portA its port
     * @param b the other end
     * @param portB its port
     */
    void Connect(PacketEndpoint* a, uint32_t portA, PacketEndpoint* b, uint32_t portB);

    /// @return the rate of each direction
    DataRate GetDataRate() const;
    /// @return the propagation delay
    Time GetDelay() const;
    /**
     * @brief Put a transceiver at each end (call before Connect; both or neither).
     * @param a at the end given first to Connect
     * @param b at the other end
     */
    void SetTransceivers(Ptr<PacketTransceiver> a, Ptr<PacketTransceiver> b);
    /// @param i 0 or 1 @return the transceiver at that end, or nullptr
    Ptr<PacketTransceiver> GetTransceiver(uint32_t i) const;
    /// @return Delay + the Latency of both transceivers, if any: a cell's time from one end
    ///         to the other besides its serialization
    Time GetPathDelay() const;
    /// @param i 0 or 1 @return the end, or nullptr before Connect
    PacketEndpoint* GetEnd(uint32_t i) const;

    /**
     * @brief A fault takes the link down (both directions): cells on it are lost when they
     * would arrive, both ends hear of it (PacketEndpoint::LinkStateChanged) and send nothing
     * more on it until it is repaired.
     * @param reason what the lost cells count as (LinkDown; DeviceFailed for a failed
     *        transceiver or switch)
     */
    void Fail(DropReason reason);
    /// @brief The link is repaired: both ends may send again and hear of it.
    void Repair();
    /// @return false while a fault keeps the link down
    bool IsUp() const;
    /// @return how many times the link has gone down (mod 256): a cell sent in an earlier
    ///         epoch was on it when it broke
    uint8_t GetEpoch() const;
    /// @return the reason of the failure that took it down last
    DropReason GetLossReason() const;

    std::size_t GetNDevices() const override;
    Ptr<NetDevice> GetDevice(std::size_t i) const override;

  protected:
    void DoDispose() override;

  private:
    /// @param rate the DataRate attribute (> 0)
    void SetDataRate(DataRate rate);
    /// @param delay the Delay attribute (>= 0)
    void SetDelay(Time delay);
    /// @return the transceiver at end 0 (TransceiverA attribute)
    Ptr<PacketTransceiver> GetTransceiverA() const;
    /// @return the transceiver at end 1 (TransceiverB attribute)
    Ptr<PacketTransceiver> GetTransceiverB() const;

    DataRate m_rate;                                      //!< DataRate attribute
    Time m_delay;                                         //!< Delay attribute
    std::array<PacketEndpoint*, 2> m_ends{};              //!< the two ends (owned elsewhere)
    std::array<Ptr<NetDevice>, 2> m_devices;              //!< the ends that are NetDevices
    uint32_t m_nDevices{0};                               //!< how many of those
    std::array<Ptr<PacketTransceiver>, 2> m_transceivers; //!< at each end, or none
    std::array<uint32_t, 2> m_endPorts{};                 //!< the port of each end
    bool m_up{true};                                      //!< no fault keeps it down
    uint8_t m_epoch{0};                                   //!< times gone down, mod 256
    DropReason m_lossReason{DropReason::LINK_DOWN};       //!< of the last failure
};

} // namespace ns3

#endif /* SCALE_ACROSS_PACKET_LINK_H */
