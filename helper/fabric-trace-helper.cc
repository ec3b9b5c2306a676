/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "fabric-trace-helper.h"

#include "ns3/config.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/trace-helper.h"

#include <sstream>

namespace ns3
{

void
FabricTraceHelper::EnablePcap(const std::string& prefix,
                              Ptr<NetDevice> device,
                              bool promiscuous,
                              bool explicitFilename)
{
    PcapHelper pcapHelper;
    const std::string filename =
        explicitFilename ? prefix : pcapHelper.GetFilenameFromDevice(prefix, device);
    Ptr<PcapFileWrapper> file =
        pcapHelper.CreateFile(filename, std::ios::out, PcapHelper::DLT_EN10MB);
    pcapHelper.HookDefaultSink<NetDevice>(device, promiscuous ? "PromiscSniffer" : "Sniffer", file);
}

void
FabricTraceHelper::EnableAscii(Ptr<OutputStreamWrapper> stream,
                               const std::string& prefix,
                               Ptr<NetDevice> device,
                               bool explicitFilename,
                               const std::vector<std::string>& drops)
{
    Packet::EnablePrinting();
    if (!stream)
    {
        // A file of its own: sinks without context, as PointToPointHelper does.
        AsciiTraceHelper asciiTraceHelper;
        const std::string filename =
            explicitFilename ? prefix : asciiTraceHelper.GetFilenameFromDevice(prefix, device);
        Ptr<OutputStreamWrapper> own = asciiTraceHelper.CreateFileStream(filename);
        device->TraceConnectWithoutContext(
            "MacTx",
            MakeBoundCallback(&AsciiTraceHelper::DefaultEnqueueSinkWithoutContext, own));
        device->TraceConnectWithoutContext(
            "PhyTxBegin",
            MakeBoundCallback(&AsciiTraceHelper::DefaultDequeueSinkWithoutContext, own));
        device->TraceConnectWithoutContext(
            "MacRx",
            MakeBoundCallback(&AsciiTraceHelper::DefaultReceiveSinkWithoutContext, own));
        for (const std::string& drop : drops)
        {
            device->TraceConnectWithoutContext(
                drop,
                MakeBoundCallback(&AsciiTraceHelper::DefaultDropSinkWithoutContext, own));
        }
        return;
    }
    // A shared file: sinks with the Config path as context, so lines name their device.
    std::ostringstream path;
    path << "/NodeList/" << device->GetNode()->GetId() << "/DeviceList/" << device->GetIfIndex()
         << "/$" << device->GetInstanceTypeId().GetName() << "/";
    Config::Connect(path.str() + "MacTx",
                    MakeBoundCallback(&AsciiTraceHelper::DefaultEnqueueSinkWithContext, stream));
    Config::Connect(path.str() + "PhyTxBegin",
                    MakeBoundCallback(&AsciiTraceHelper::DefaultDequeueSinkWithContext, stream));
    Config::Connect(path.str() + "MacRx",
                    MakeBoundCallback(&AsciiTraceHelper::DefaultReceiveSinkWithContext, stream));
    for (const std::string& drop : drops)
    {
        Config::Connect(path.str() + drop,
                        MakeBoundCallback(&AsciiTraceHelper::DefaultDropSinkWithContext, stream));
    }
}

} // namespace ns3
