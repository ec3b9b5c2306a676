/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_OPTICAL_FABRIC_HELPER_H
#define SCALE_ACROSS_OPTICAL_FABRIC_HELPER_H

#include "ns3/circuit-scheduler.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/photonic-crossbar.h"
#include "ns3/trace-helper.h"

#include <string>

namespace ns3
{

/**
 * @ingroup scale-across-helper
 * @brief Builds a single-hop optical fabric: every node gets an OpticalNetDevice with a
 * CoherentTransceiver, joined by its own OpticalChannel (fiber) to one port of one
 * PhotonicCrossbar.
 *
 * Used like PointToPointHelper: set attributes of the parts, then Install.
 * @code
 *   OpticalFabricHelper fabric;
 *   fabric.SetTransceiverAttribute("Wavelengths", UintegerValue(4));
 *   fabric.SetChannelAttribute("Length", DoubleValue(20));
 *   fabric.SetCrossbarTechnology("MEMS");
 *   NetDeviceContainer devices = fabric.Install(nodes);
 *   fabric.EnablePcapAll("fabric");
 * @endcode
 * Port i of the crossbar takes the i-th node of the container.
 */
class OpticalFabricHelper : public PcapHelperForDevice, public AsciiTraceHelperForDevice
{
  public:
    OpticalFabricHelper();
    ~OpticalFabricHelper() override;

    /**
     * @param name attribute of ns3::OpticalNetDevice
     * @param value its value
     */
    void SetDeviceAttribute(std::string name, const AttributeValue& value);
    /**
     * @param name attribute of ns3::CoherentTransceiver
     * @param value its value
     */
    void SetTransceiverAttribute(std::string name, const AttributeValue& value);
    /**
     * @param name attribute of ns3::OpticalChannel (the fiber of each node)
     * @param value its value
     */
    void SetChannelAttribute(std::string name, const AttributeValue& value);
    /**
     * @param name attribute of ns3::PhotonicCrossbar
     * @param value its value
     */
    void SetCrossbarAttribute(std::string name, const AttributeValue& value);
    /**
     * @brief Apply a technology preset to the crossbar: ReconfigurationTime, InsertionLoss,
     * PortPower, and Technology (whose largest port count then limits the crossbar: Install
     * stops if the nodes do not fit, unless PortLimit is raised). Attributes set afterwards
     * override the preset.
     * @param name one of CrossbarTechnology::GetNames()
     */
    void SetCrossbarTechnology(const std::string& name);
    /**
     * @brief Make the next Install an ideal fabric: every NIC reaches any peer at its full
     * rate with no reconfiguration. Its wavelengths form one bonded lane
     * (WavelengthsPerCircuit = 0), and circuits are set up on demand in no time
     * (ReconfigurationTime = 0, OnDemandCircuitScheduler, no Technology and so no port
     * limit). A NIC holds one circuit at a time, so it talks to one peer at a time at its
     * whole rate, and switches to another peer as soon as its last frame to the previous
     * one has passed the crossbar (a bufferless crossbar cannot do better). The link budget
     * (InsertionLoss, fibers) is unchanged. Attributes or a scheduler set afterwards
     * override these.
     *
     * Compare the static fabric (SetCircuitScheduler with
     * CollectiveCircuitHelper::MakeStaticCircuits): one fixed lane per peer, the wavelengths
     * split among the lanes, so a NIC reaches its k peers at once, each at 1/k of its rate.
     */
    void SetIdealFabric();
    /**
     * @brief Use this scheduler for the next Install (a crossbar takes one scheduler).
     * @param scheduler e.g. a StaticCircuitScheduler with its circuits added
     */
    void SetCircuitScheduler(Ptr<CircuitScheduler> scheduler);

    /**
     * @brief Build the fabric.
     * @param nodes the endpoints; node i is on crossbar port i
     * @return the devices, in the order of nodes
     */
    NetDeviceContainer Install(const NodeContainer& nodes);

    /// @return the crossbar built by the last Install
    Ptr<PhotonicCrossbar> GetCrossbar() const;

  private:
    void EnablePcapInternal(std::string prefix,
                            Ptr<NetDevice> nd,
                            bool promiscuous,
                            bool explicitFilename) override;
    void EnableAsciiInternal(Ptr<OutputStreamWrapper> stream,
                             std::string prefix,
                             Ptr<NetDevice> nd,
                             bool explicitFilename) override;

    ObjectFactory m_deviceFactory;      //!< OpticalNetDevice
    ObjectFactory m_transceiverFactory; //!< CoherentTransceiver
    ObjectFactory m_channelFactory;     //!< OpticalChannel
    ObjectFactory m_crossbarFactory;    //!< PhotonicCrossbar
    bool m_numPortsSet;                 //!< NumPorts given by the user
    Ptr<CircuitScheduler> m_scheduler;  //!< scheduler for the next Install
    Ptr<PhotonicCrossbar> m_crossbar;   //!< crossbar of the last Install
};

} // namespace ns3

#endif /* SCALE_ACROSS_OPTICAL_FABRIC_HELPER_H */
