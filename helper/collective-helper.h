/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_COLLECTIVE_HELPER_H
#define SCALE_ACROSS_COLLECTIVE_HELPER_H

#include "ns3/collective-communicator.h"
#include "ns3/collective-schedule.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-helper
 * @brief Builds a CollectiveCommunicator over devices (any ns-3 NetDevice), installs one
 * CollectiveApplication and a CollectiveTransport per node, and runs operations.
 *
 * @code
 *   CollectiveHelper nccl;
 *   nccl.SetCommunicatorAttribute("Algorithm", StringValue("ring"));
 *   Ptr<CollectiveCommunicator> comm = nccl.Install(devices);
 *   comm->Run({1 << 20, 1 << 24}, Seconds(0));
 *   Simulator::Run();
 *   for (const auto& r : comm->GetResults()) std::cout << r.TableRow() << "\n";
 * @endcode
 * Rank i is the i-th device. No Internet stack is needed.
 */
class CollectiveHelper
{
  public:
    CollectiveHelper();

    /**
     * @param name attribute of ns3::CollectiveCommunicator
     * @param value its value
     */
    void SetCommunicatorAttribute(std::string name, const AttributeValue& value);
    /**
     * @param name attribute of ns3::CollectiveTransport (e.g. ProtocolNumber)
     * @param value its value
     */
    void SetTransportAttribute(std::string name, const AttributeValue& value);
    /**
     * @param name attribute of ns3::CollectiveApplication
     * @param value its value
     */
    void SetApplicationAttribute(std::string name, const AttributeValue& value);

    /**
     * @brief Build a communicator whose rank i is devices.Get(i).
     * @param devices one device per rank, each on a node
     * @return the communicator
     */
    Ptr<CollectiveCommunicator> Install(const NetDeviceContainer& devices);

    /**
     * @brief Build a communicator whose rank i is the first non-loopback device of nodes.Get(i).
     * @param nodes one node per rank, each with a device
     * @return the communicator
     */
    Ptr<CollectiveCommunicator> Install(const NodeContainer& nodes);

    /**
     * @brief The schedule a communicator built by this helper would run (for planning a
     * fabric around it, e.g. CollectiveCircuitHelper).
     * @param ranks number of ranks
     * @param bytes a message size valid for the operation
     * @return the schedule
     */
    std::unique_ptr<CollectiveSchedule> MakeSchedule(uint32_t ranks, uint64_t bytes) const;

    /**
     * @param minBytes first size (>= 4)
     * @param maxBytes last size (>= minBytes)
     * @param stepFactor factor between sizes (>= 2)
     * @return minBytes, minBytes x stepFactor, ... up to maxBytes (nccl-tests' -b -e -f)
     */
    static std::vector<uint64_t> Sizes(uint64_t minBytes, uint64_t maxBytes, uint64_t stepFactor);

  private:
    ObjectFactory m_communicatorFactory; //!< CollectiveCommunicator
    ObjectFactory m_transportFactory;    //!< CollectiveTransport
    ObjectFactory m_applicationFactory;  //!< CollectiveApplication
};

} // namespace ns3

#endif /* SCALE_ACROSS_COLLECTIVE_HELPER_H */
