/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collective-helper.h"

#include "ns3/abort.h"
#include "ns3/collective-application.h"
#include "ns3/collective-transport.h"
#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CollectiveHelper");

CollectiveHelper::CollectiveHelper()
{
    m_communicatorFactory.SetTypeId("ns3::CollectiveCommunicator");
    m_transportFactory.SetTypeId("ns3::CollectiveTransport");
    m_applicationFactory.SetTypeId("ns3::CollectiveApplication");
}

void
CollectiveHelper::SetCommunicatorAttribute(std::string name, const AttributeValue& value)
{
    m_communicatorFactory.Set(name, value);
}

void
CollectiveHelper::SetTransportAttribute(std::string name, const AttributeValue& value)
{
    m_transportFactory.Set(name, value);
}

void
CollectiveHelper::SetApplicationAttribute(std::string name, const AttributeValue& value)
{
    m_applicationFactory.Set(name, value);
}

Ptr<CollectiveCommunicator>
CollectiveHelper::Install(const NetDeviceContainer& devices)
{
    NS_ABORT_MSG_IF(devices.GetN() == 0,
                    "CollectiveHelper::Install: 0 ranks; give one device per rank");
    Ptr<CollectiveCommunicator> comm = m_communicatorFactory.Create<CollectiveCommunicator>();
    for (uint32_t rank = 0; rank < devices.GetN(); ++rank)
    {
        Ptr<NetDevice> device = devices.Get(rank);
        NS_ABORT_MSG_IF(!device || !device->GetNode(),
                        "CollectiveHelper::Install: rank " << rank << " has no device on a node");
        Ptr<Node> node = device->GetNode();
        Ptr<CollectiveTransport> transport = node->GetObject<CollectiveTransport>();
        if (!transport)
        {
            transport = m_transportFactory.Create<CollectiveTransport>();
            node->AggregateObject(transport);
        }
        transport->Attach(device);
        Ptr<CollectiveApplication> app = m_applicationFactory.Create<CollectiveApplication>();
        node->AddApplication(app);
        app->Setup(comm, rank, transport);
        comm->AddRank(app, device->GetAddress());
    }
    return comm;
}

Ptr<CollectiveCommunicator>
CollectiveHelper::Install(const NodeContainer& nodes)
{
    NetDeviceContainer devices;
    for (uint32_t rank = 0; rank < nodes.GetN(); ++rank)
    {
        Ptr<Node> node = nodes.Get(rank);
        Ptr<NetDevice> found;
        for (uint32_t i = 0; i < node->GetNDevices() && !found; ++i)
        {
            // The Internet stack's loopback (by name: the module does not link internet).
            if (node->GetDevice(i)->GetInstanceTypeId().GetName() != "ns3::LoopbackNetDevice")
            {
                found = node->GetDevice(i);
            }
        }
        NS_ABORT_MSG_IF(!found,
                        "CollectiveHelper::Install: rank " << rank << " is node " << node->GetId()
                                                           << ", which has no NetDevice; install "
                                                              "a fabric on the nodes first");
        devices.Add(found);
    }
    return Install(devices);
}

std::unique_ptr<CollectiveSchedule>
CollectiveHelper::MakeSchedule(uint32_t ranks, uint64_t bytes) const
{
    Ptr<CollectiveCommunicator> probe = m_communicatorFactory.Create<CollectiveCommunicator>();
    for (uint32_t r = 0; r < ranks; ++r)
    {
        probe->AddRank(nullptr, Address());
    }
    return probe->MakeSchedule(bytes);
}

std::vector<uint64_t>
CollectiveHelper::Sizes(uint64_t minBytes, uint64_t maxBytes, uint64_t stepFactor)
{
    NS_ABORT_MSG_IF(minBytes < 4 || maxBytes < minBytes,
                    "message sizes " << minBytes << " ... " << maxBytes
                                     << " are invalid: use 4 <= minBytes <= maxBytes");
    NS_ABORT_MSG_IF(stepFactor < 2, "stepFactor = " << stepFactor << " is invalid: use >= 2");
    std::vector<uint64_t> sizes;
    for (uint64_t s = minBytes; s <= maxBytes; s *= stepFactor)
    {
        sizes.push_back(s);
        if (s > maxBytes / stepFactor)
        {
            break;
        }
    }
    return sizes;
}

} // namespace ns3
