/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_FABRIC_LATENCY_MONITOR_H
#define SCALE_ACROSS_FABRIC_LATENCY_MONITOR_H

#include "ns3/net-device-container.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/streaming-statistics.h"

#include <cstdint>
#include <unordered_map>

namespace ns3
{

/**
 * @ingroup scale-across-helper
 * @brief The fabric's latency per frame, from a NIC's MacTx (handed to the device) to the
 * receiving NIC's MacRx (delivered), in StreamingStatistics: p50, p99, max, and p99 - p50,
 * the jitter the fabric adds. Works on any device with MacTx and MacRx whose frame keeps its
 * Packet uid end to end (OpticalNetDevice, PacketNetDevice).
 *
 * A frame's latency includes its wait in the NIC's queue, its serialization, the fiber or the
 * links and switches. The monitor keeps the send time of the frames in flight only (a hash
 * map by uid, erased on delivery), so its memory does not grow with the run; it is a
 * measurement, off unless installed. A broadcast frame counts once, at its first delivery.
 *
 * @code
 *   FabricLatencyMonitor latency;
 *   latency.Install(devices);
 *   Simulator::Run();
 *   std::cout << (latency.GetLatency().GetP99() - latency.GetLatency().GetP50()) << " s\n";
 * @endcode
 */
class FabricLatencyMonitor
{
  public:
    FabricLatencyMonitor();
    /// Disconnects from the devices it was installed on (if they still exist).
    ~FabricLatencyMonitor();
    FabricLatencyMonitor(const FabricLatencyMonitor&) = delete;
    FabricLatencyMonitor& operator=(const FabricLatencyMonitor&) = delete;

    /**
     * @brief Watch the frames these devices send and receive (call before Simulator::Run).
     * @param devices the fabric's NICs
     */
    void Install(const NetDeviceContainer& devices);

    /// @return the latency of every frame delivered so far, seconds
    const StreamingStatistics& GetLatency() const;
    /// @return frames sent and not (yet) delivered
    uint64_t GetInFlight() const;

  private:
    /// @param packet a frame handed to a NIC
    void Sent(Ptr<const Packet> packet);
    /// @param packet a frame a NIC delivered
    void Delivered(Ptr<const Packet> packet);

    NetDeviceContainer m_devices;              //!< watched
    std::unordered_map<uint64_t, Time> m_sent; //!< send time of the frames in flight, by uid
    StreamingStatistics m_latency;             //!< latency of delivered frames, s
};

} // namespace ns3

#endif /* SCALE_ACROSS_FABRIC_LATENCY_MONITOR_H */
