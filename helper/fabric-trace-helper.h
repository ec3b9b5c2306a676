/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_FABRIC_TRACE_HELPER_H
#define SCALE_ACROSS_FABRIC_TRACE_HELPER_H

#include "ns3/net-device.h"
#include "ns3/output-stream-wrapper.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-helper
 * @brief The pcap and ascii wiring every fabric helper's EnablePcapInternal and
 * EnableAsciiInternal share: any device of this module with the usual trace sources (Sniffer,
 * PromiscSniffer, MacTx, PhyTxBegin, MacRx and drop sources) and Ethernet II frames.
 */
class FabricTraceHelper
{
  public:
    /**
     * @brief Write a device's frames to a pcap file (DLT_EN10MB), as PointToPointHelper does.
     * @param prefix file name prefix, or the whole name
     * @param device the device
     * @param promiscuous PromiscSniffer instead of Sniffer
     * @param explicitFilename prefix is the whole file name
     */
    static void EnablePcap(const std::string& prefix,
                           Ptr<NetDevice> device,
                           bool promiscuous,
                           bool explicitFilename);

    /**
     * @brief Write a device's enqueue, dequeue, receive and drop events as ascii lines.
     * @param stream a shared stream (lines then name their device by Config path), or
     *        nullptr for a file of the device's own
     * @param prefix file name prefix, or the whole name (own file only)
     * @param device the device
     * @param explicitFilename prefix is the whole file name
     * @param drops the device's drop trace sources (e.g. MacTxDrop, PhyTxDrop)
     */
    static void EnableAscii(Ptr<OutputStreamWrapper> stream,
                            const std::string& prefix,
                            Ptr<NetDevice> device,
                            bool explicitFilename,
                            const std::vector<std::string>& drops);
};

} // namespace ns3

#endif /* SCALE_ACROSS_FABRIC_TRACE_HELPER_H */
