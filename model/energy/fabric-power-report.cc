/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "fabric-power-report.h"

#include <stdexcept>
#include <utility>

namespace ns3
{

double
FabricPowerReport::Device::GetEnergyJoules(double seconds) const
{
    return staticWatts * seconds + picojoulesPerBit * 1e-12 * static_cast<double>(bits) +
           joulesPerReconfiguration * static_cast<double>(reconfigurations);
}

FabricPowerReport::FabricPowerReport(std::string fabric, double seconds)
    : m_fabric(std::move(fabric)),
      m_seconds(seconds)
{
    if (!(seconds >= 0))
    {
        throw std::invalid_argument("FabricPowerReport: the interval must be >= 0 s");
    }
}

void
FabricPowerReport::Add(const Device& device)
{
    if (device.deviceClass < 0 || device.deviceClass >= N_CLASSES)
    {
        throw std::invalid_argument("FabricPowerReport::Add: unknown device class");
    }
    // The class sums are kept as lines are added, so that a report of 65,536 endpoints answers
    // in O(1); they add the same terms as a walk over the lines would.
    m_devices.push_back(device);
    m_watts[device.deviceClass] += device.staticWatts;
    m_joules[device.deviceClass] += device.GetEnergyJoules(m_seconds);
    ++m_counts[device.deviceClass];
}

FabricPowerReport::Inventory&
FabricPowerReport::GetInventory()
{
    return m_inventory;
}

const FabricPowerReport::Inventory&
FabricPowerReport::GetInventory() const
{
    return m_inventory;
}

const std::string&
FabricPowerReport::GetFabric() const
{
    return m_fabric;
}

double
FabricPowerReport::GetSeconds() const
{
    return m_seconds;
}

const std::vector<FabricPowerReport::Device>&
FabricPowerReport::GetDevices() const
{
    return m_devices;
}

double
FabricPowerReport::GetStaticPowerWatts() const
{
    double w = 0;
    for (double x : m_watts)
    {
        w += x;
    }
    return w;
}

double
FabricPowerReport::GetStaticPowerWatts(Class c) const
{
    return m_watts.at(c);
}

double
FabricPowerReport::GetEnergyJoules() const
{
    double j = 0;
    for (double x : m_joules)
    {
        j += x;
    }
    return j;
}

double
FabricPowerReport::GetEnergyJoules(Class c) const
{
    return m_joules.at(c);
}

double
FabricPowerReport::GetStaticPowerWattsPerEndpoint() const
{
    return m_inventory.endpoints ? GetStaticPowerWatts() / m_inventory.endpoints : 0;
}

double
FabricPowerReport::GetEnergyJoulesPerEndpoint() const
{
    return m_inventory.endpoints ? GetEnergyJoules() / m_inventory.endpoints : 0;
}

double
FabricPowerReport::GetEndpointStaticPowerWatts(int64_t endpoint) const
{
    double w = 0;
    for (const Device& d : m_devices)
    {
        if (d.endpoint == endpoint)
        {
            w += d.staticWatts;
        }
    }
    return w;
}

uint64_t
FabricPowerReport::GetNDevices(Class c) const
{
    return m_counts.at(c);
}

std::string
FabricPowerReport::GetClassName(Class c)
{
    switch (c)
    {
    case HOST_TRANSCEIVER:
        return "host transceivers";
    case SWITCH_TRANSCEIVER:
        return "switch transceivers";
    case SWITCH_ASIC:
        return "switch ASICs";
    case CROSSBAR:
        return "crossbars";
    default:
        return "unknown";
    }
}

} // namespace ns3
