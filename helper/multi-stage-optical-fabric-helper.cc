/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "multi-stage-optical-fabric-helper.h"

#include "ns3/abort.h"
#include "ns3/crossbar-technology.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MultiStageOpticalFabricHelper");

namespace
{

/// Stage names as ClosFabric's attributes spell them.
const char* const STAGE_PREFIX[3] = {"Ingress", "Middle", "Egress"};

} // namespace

MultiStageOpticalFabricHelper::MultiStageOpticalFabricHelper()
    : m_portLimit(0),
      m_edgePortsSet(false),
      m_middlesSet(false)
{
    m_stageFactory.SetTypeId("ns3::ClosFabric");
}

MultiStageOpticalFabricHelper::~MultiStageOpticalFabricHelper()
{
}

void
MultiStageOpticalFabricHelper::SetStageTechnology(const std::string& name)
{
    for (auto stage : {ClosFabric::INGRESS, ClosFabric::MIDDLE, ClosFabric::EGRESS})
    {
        SetStageTechnology(stage, name);
    }
}

void
MultiStageOpticalFabricHelper::SetStageTechnology(ClosFabric::Stage stage, const std::string& name)
{
    const CrossbarTechnology& t = CrossbarTechnology::Get(name);
    const std::string prefix = STAGE_PREFIX[stage];
    m_technologies[stage] = t.name;
    if (stage == ClosFabric::INGRESS)
    {
        // The crossbar's figures when one holds the nodes; attributes set later override them.
        SetCrossbarTechnology(t.name);
    }
    m_stageFactory.Set(prefix + "InsertionLoss", DoubleValue(t.insertionLossDb));
    m_stageFactory.Set(prefix + "ReconfigurationTime", TimeValue(t.reconfigurationTime));
    if (stage == ClosFabric::INGRESS)
    {
        // One power figure serves every stage's ports: the ingress technology's, as the
        // single crossbar's.
        m_stageFactory.Set("PortPowerWatts", DoubleValue(t.portPowerW));
    }
}

void
MultiStageOpticalFabricHelper::SetStageAttribute(std::string name, const AttributeValue& value)
{
    m_edgePortsSet = m_edgePortsSet || name == "EdgePorts";
    m_middlesSet = m_middlesSet || name == "MiddleSwitches";
    m_stageFactory.Set(name, value);
}

void
MultiStageOpticalFabricHelper::SetPortLimit(uint32_t limit)
{
    m_portLimit = limit;
}

uint32_t
MultiStageOpticalFabricHelper::GetPortLimit() const
{
    if (m_portLimit > 0)
    {
        return m_portLimit;
    }
    uint32_t limit = 0;
    for (const std::string& name : m_technologies)
    {
        if (!name.empty())
        {
            const uint32_t ports = CrossbarTechnology::Get(name).maxPorts;
            limit = limit == 0 ? ports : std::min(limit, ports);
        }
    }
    return limit;
}

MultiStageOpticalFabricHelper::Shape
MultiStageOpticalFabricHelper::Plan(uint32_t nodes, uint32_t portLimit)
{
    const uint32_t edges = (nodes + portLimit - 1) / portLimit;
    const uint32_t k = (nodes + edges - 1) / edges;
    return Shape{k, k, edges};
}

NetDeviceContainer
MultiStageOpticalFabricHelper::Install(const NodeContainer& nodes)
{
    NS_LOG_FUNCTION(this << nodes.GetN());
    const uint32_t n = nodes.GetN();
    const uint32_t limit = GetPortLimit();
    m_stages = nullptr;
    if (limit == 0 || n <= limit)
    {
        // One crossbar holds them: the seed's single hop, with the ingress stage's technology.
        if (m_portLimit > 0)
        {
            SetCrossbarAttribute("PortLimit", UintegerValue(m_portLimit));
        }
        SetCrossbarAttribute("Stages", PointerValue());
        return OpticalFabricHelper::Install(nodes);
    }
    Shape shape = Plan(n, limit);
    if (m_edgePortsSet || m_middlesSet)
    {
        Ptr<ClosFabric> probe = m_stageFactory.Create<ClosFabric>();
        if (m_edgePortsSet)
        {
            shape.edgePorts = probe->GetEdgePorts();
            shape.edges = (n + shape.edgePorts - 1) / shape.edgePorts;
        }
        shape.middles = m_middlesSet ? probe->GetMiddleSwitches() : shape.edgePorts;
    }
    // Each stage is a real crossbar: ingress k x m, middle r x r, egress m x k.
    NS_ABORT_MSG_IF(shape.edgePorts > limit,
                    "ns3::ClosFabric::EdgePorts = " << shape.edgePorts
                                                    << " exceeds the port limit of " << limit
                                                    << ": use EdgePorts <= " << limit);
    NS_ABORT_MSG_IF(shape.middles > limit,
                    "ns3::ClosFabric::MiddleSwitches = "
                        << shape.middles << " gives each ingress switch " << shape.middles
                        << " ports to the middle stage, over the port limit of " << limit
                        << ": use MiddleSwitches <= " << limit);
    NS_ABORT_MSG_IF(shape.edges > limit,
                    "MultiStageOpticalFabricHelper::Install: "
                        << n << " nodes need " << shape.edges << " edge switches of "
                        << shape.edgePorts << " ports, so middle switches of " << shape.edges
                        << " ports, over the port limit of " << limit
                        << ": three stages reach at most " << uint64_t{limit} * limit
                        << " nodes; five-stage fabrics are not built (raise the limit with "
                           "SetPortLimit for a what-if study, or use fewer nodes)");
    m_stageFactory.Set("EdgePorts", UintegerValue(shape.edgePorts));
    m_stageFactory.Set("MiddleSwitches", UintegerValue(shape.middles));
    m_stages = m_stageFactory.Create<ClosFabric>();
    NS_LOG_INFO(n << " nodes: " << shape.edges << " ingress " << shape.edgePorts << " x "
                  << shape.middles << ", " << shape.middles << " middle " << shape.edges << " x "
                  << shape.edges << ", " << shape.edges << " egress");
    // The logical crossbar has no technology of its own (so no port limit): its stages do.
    SetCrossbarAttribute("Technology", StringValue(""));
    SetCrossbarAttribute("PortLimit", UintegerValue(0));
    SetCrossbarAttribute("Stages", PointerValue(m_stages));
    NetDeviceContainer devices = OpticalFabricHelper::Install(nodes);
    SetCrossbarAttribute("Stages", PointerValue()); // the next Install builds its own
    return devices;
}

Ptr<ClosFabric>
MultiStageOpticalFabricHelper::GetStages() const
{
    return m_stages;
}

} // namespace ns3
