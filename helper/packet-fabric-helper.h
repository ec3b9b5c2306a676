/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_PACKET_FABRIC_HELPER_H
#define SCALE_ACROSS_PACKET_FABRIC_HELPER_H

#include "ns3/data-rate.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/packet-net-device.h"
#include "ns3/packet-switch.h"
#include "ns3/packet-transceiver.h"
#include "ns3/trace-helper.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-helper
 * @brief What LeafSpineHelper and FatTreeHelper share: the factories of the host NIC
 * (PacketNetDevice), the switches (PacketSwitch) and the links (PacketLink: host links and
 * switch-to-switch links apart), the per-endpoint rate, routing and seed, the wiring, and
 * pcap/ascii tracing of the host devices.
 *
 * The helpers set each switch's NumPorts (the radix), its up/down routes and its Seed (the
 * helper's seed plus the switch's tier, 0 at the hosts, so tiers hash independently).
 *
 * Each switch is aggregated to a Node of its own, created by Install after the nodes given
 * to it, so every switch is reachable by a Config path, as any ns-3 object on a node:
 * /NodeList/[id]/$ns3::PacketSwitch/CreditStall for one switch (id: its node's GetId(), see
 * GetSwitchNodes()), and the wildcard in place of [id] for every switch of every tier (leaves,
 * spines, edge, aggregation and core), e.g. to Config::Set their Routing. The hosts keep their
 * nodes (and node ids) and the devices Install returns; a switch's node has no NetDevice (a
 * PacketSwitch is one object with flat per-port state, not one device per port), so
 * DeviceList paths still reach host NICs only. Attributes that the
 * wiring reads (NumPorts, BufferBytes, ForwardingLatency, CutThrough) are read by the ports
 * facing the switch when Install wires it: set them with SetSwitchAttribute (or
 * Config::SetDefault) before Install; Routing and Seed may change at any time.
 */
class PacketFabricHelper : public PcapHelperForDevice, public AsciiTraceHelperForDevice
{
  public:
    PacketFabricHelper();
    ~PacketFabricHelper() override;

    /**
     * @param name attribute of ns3::PacketNetDevice
     * @param value its value
     */
    void SetDeviceAttribute(std::string name, const AttributeValue& value);
    /**
     * @param name attribute of ns3::PacketSwitch (not NumPorts, which the topology sets)
     * @param value its value
     */
    void SetSwitchAttribute(std::string name, const AttributeValue& value);
    /**
     * @param name attribute of ns3::PacketLink, for the links from hosts to their switch
     * @param value its value
     */
    void SetHostLinkAttribute(std::string name, const AttributeValue& value);
    /**
     * @param name attribute of ns3::PacketLink, for the links between switches
     * @param value its value
     */
    void SetFabricLinkAttribute(std::string name, const AttributeValue& value);
    /**
     * @brief Set the DataRate of every link, host and fabric (default 800 Gb/s).
     * @param rate the per-endpoint rate
     */
    void SetEndpointRate(DataRate rate);
    /**
     * @brief Match the per-endpoint rate to an optical NIC's: wavelengths x perWavelength.
     * @param wavelengths the CoherentTransceiver's Wavelengths
     * @param perWavelength its DataRatePerWavelength (default 1.6 Tb/s)
     */
    void MatchOpticalNic(uint32_t wavelengths, DataRate perWavelength = DataRate("1600Gbps"));
    /**
     * @param seed the ECMP seed: tier t's switches get Seed = seed + t
     */
    void SetSeed(uint32_t seed);

    /**
     * @brief Put a transceiver at both ends of every link between switches (and, if
     * hostLinks, of every host link), with a preset's figures.
     * @param preset see PacketTransceiver::GetPreset
     * @param hostLinks host links too
     */
    void SetTransceiver(const std::string& preset, bool hostLinks = false);
    /**
     * @brief Set an attribute of the transceivers (and install them on links between
     * switches, if SetTransceiver was not called).
     * @param name attribute of ns3::PacketTransceiver
     * @param value its value
     */
    void SetTransceiverAttribute(std::string name, const AttributeValue& value);
    /// @return the transceivers of the last Install, two per link that has them
    const std::vector<Ptr<PacketTransceiver>>& GetTransceivers() const;

    /// @return the switches of the last Install, hosts' tier first
    const std::vector<Ptr<PacketSwitch>>& GetSwitches() const;
    /// @return the nodes of the switches of the last Install, in the order of GetSwitches()
    ///         (each node holds its switch as an aggregated object)
    const NodeContainer& GetSwitchNodes() const;

  protected:
    /**
     * @brief Create the host devices, one per node, with consecutive addresses.
     * @param nodes the hosts
     * @return the devices (not attached yet)
     */
    NetDeviceContainer CreateDevices(const NodeContainer& nodes);
    /**
     * @param ports its NumPorts
     * @param tier its tier (0 next to the hosts)
     * @param name how reports name it
     * @return a new switch on a new node, kept in GetSwitches() and GetSwitchNodes()
     */
    Ptr<PacketSwitch> CreateSwitch(uint32_t ports, uint32_t tier, const std::string& name);
    /**
     * @brief Attach host device i to a switch port over a new host link.
     * @param devices the devices of CreateDevices
     * @param i the host index
     * @param sw the switch
     * @param port its port
     */
    void AttachHost(const NetDeviceContainer& devices,
                    uint32_t i,
                    Ptr<PacketSwitch> sw,
                    uint32_t port);
    /**
     * @brief Join two switch ports with a new fabric link.
     * @param a a switch @param portA its port @param b another @param portB its port
     */
    void ConnectSwitches(Ptr<PacketSwitch> a, uint32_t portA, Ptr<PacketSwitch> b, uint32_t portB);
    /// Forget the switches of a previous Install.
    void Reset();
    /// @param link a new link: give it transceivers (if enabled for its kind)
    /// @param enabled whether links of its kind get them
    void AddTransceivers(Ptr<PacketLink> link, bool enabled);

  private:
    void EnablePcapInternal(std::string prefix,
                            Ptr<NetDevice> nd,
                            bool promiscuous,
                            bool explicitFilename) override;
    void EnableAsciiInternal(Ptr<OutputStreamWrapper> stream,
                             std::string prefix,
                             Ptr<NetDevice> nd,
                             bool explicitFilename) override;

    ObjectFactory m_deviceFactory;                      //!< PacketNetDevice
    ObjectFactory m_switchFactory;                      //!< PacketSwitch
    ObjectFactory m_hostLinkFactory;                    //!< PacketLink from a host
    ObjectFactory m_fabricLinkFactory;                  //!< PacketLink between switches
    ObjectFactory m_transceiverFactory;                 //!< PacketTransceiver
    bool m_fabricTransceivers;                          //!< on links between switches
    bool m_hostTransceivers;                            //!< on host links
    std::vector<Ptr<PacketTransceiver>> m_transceivers; //!< of the last Install
    uint32_t m_seed;                                    //!< ECMP seed of tier 0
    std::vector<Ptr<PacketSwitch>> m_switches;          //!< switches of the last Install
    NodeContainer m_switchNodes;                        //!< their nodes
    Mac48Address m_firstHost;                           //!< address of host 0 of the last Install
    uint32_t m_nHosts;                                  //!< hosts of the last Install
    uint32_t m_cellWireBytes; //!< wire bytes of a full cell of the last Install
};

} // namespace ns3

#endif /* SCALE_ACROSS_PACKET_FABRIC_HELPER_H */
