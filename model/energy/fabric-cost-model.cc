/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "fabric-cost-model.h"

#include "ns3/double.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FabricCostModel");

NS_OBJECT_ENSURE_REGISTERED(FabricCostModel);

TypeId
FabricCostModel::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::FabricCostModel")
            .SetParent<Object>()
            .SetGroupName("ScaleAcross")
            .AddConstructor<FabricCostModel>()
            .AddAttribute("TransceiverPriceUsd",
                          "Price of one transceiver (any kind), USD (>= 0). Default 1000: an "
                          "assumption (no public price; REFERENCES.md).",
                          DoubleValue(1000),
                          MakeDoubleAccessor(&FabricCostModel::m_transceiverUsd),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("SwitchPortPriceUsd",
                          "Price of one packet-switch port (the ASIC, box and chassis shared "
                          "over its ports), USD (>= 0). Default 1000: an assumption.",
                          DoubleValue(1000),
                          MakeDoubleAccessor(&FabricCostModel::m_switchPortUsd),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("CrossbarPortPriceUsd",
                          "Price of one crossbar port (one input and one output), USD "
                          "(>= 0). Default 1000: an assumption (no public OCS price).",
                          DoubleValue(1000),
                          MakeDoubleAccessor(&FabricCostModel::m_crossbarPortUsd),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("FiberPriceUsdPerMeter",
                          "Price of fiber, USD per metre of link (>= 0). Default 1: an "
                          "assumption.",
                          DoubleValue(1),
                          MakeDoubleAccessor(&FabricCostModel::m_fiberUsdPerMeter),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("LinkInstallationPriceUsd",
                          "Price of installing one link (cable or fiber), USD (>= 0). "
                          "Default 50: an assumption.",
                          DoubleValue(50),
                          MakeDoubleAccessor(&FabricCostModel::m_installUsd),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("ElectricityPriceUsdPerKilowattHour",
                          "Price of electricity, USD per kWh (>= 0). Default 0.10: an "
                          "assumption.",
                          DoubleValue(0.10),
                          MakeDoubleAccessor(&FabricCostModel::m_usdPerKwh),
                          MakeDoubleChecker<double>(0));
    return tid;
}

FabricCostModel::FabricCostModel()
    : m_transceiverUsd(1000),
      m_switchPortUsd(1000),
      m_crossbarPortUsd(1000),
      m_fiberUsdPerMeter(1),
      m_installUsd(50),
      m_usdPerKwh(0.10)
{
    NS_LOG_FUNCTION(this);
}

FabricCostModel::~FabricCostModel()
{
    NS_LOG_FUNCTION(this);
}

double
FabricCostModel::Breakdown::GetTotalUsd() const
{
    return transceiversUsd + switchPortsUsd + crossbarPortsUsd + fiberUsd + installationUsd;
}

FabricCostModel::Breakdown
FabricCostModel::GetCapitalCost(const FabricPowerReport::Inventory& parts) const
{
    Breakdown b;
    b.transceiversUsd =
        m_transceiverUsd * static_cast<double>(parts.hostTransceivers + parts.switchTransceivers);
    b.switchPortsUsd = m_switchPortUsd * static_cast<double>(parts.switchPorts);
    b.crossbarPortsUsd = m_crossbarPortUsd * static_cast<double>(parts.crossbarPorts);
    b.fiberUsd = m_fiberUsdPerMeter * parts.fiberMeters;
    b.installationUsd = m_installUsd * static_cast<double>(parts.links);
    return b;
}

double
FabricCostModel::GetCapitalCostUsdPerEndpoint(const FabricPowerReport::Inventory& parts) const
{
    return parts.endpoints ? GetCapitalCost(parts).GetTotalUsd() / parts.endpoints : 0;
}

double
FabricCostModel::GetEnergyCostUsd(double joules) const
{
    return m_usdPerKwh * joules / 3.6e6;
}

} // namespace ns3
