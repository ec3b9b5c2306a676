/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_FAULT_HELPER_H
#define SCALE_ACROSS_FAULT_HELPER_H

#include "ns3/fault-injector.h"
#include "ns3/net-device-container.h"
#include "ns3/nstime.h"
#include "ns3/port-fault-state.h"
#include "ns3/ptr.h"

#include <string>
#include <vector>

namespace ns3
{

class OpticalNetDevice;
class PacketLink;
class PacketNetDevice;
class PacketSwitch;
class PhotonicCrossbar;

/**
 * @ingroup scale-across-helper
 * @brief Fails (and repairs) parts of an optical or electrical fabric at given times or at
 * random, through one FaultInjector.
 *
 * Optical fabric: a NIC's transceiver, its fiber, its crossbar port, a whole crossbar, one
 * circuit set-up, and a fiber whose loss grows until its link budget fails. Electrical fabric:
 * a link (a switch port and its cable), a whole packet switch (all its links), a host NIC's
 * transceiver (its link). What each does to frames, circuits, routes and NICs is in the doc's
 * Faults section. The injector is named in ns-3's Names (default "faults"), so its traces are
 * at /Names/faults/FaultInjected and /Names/faults/Repaired.
 *
 * Times are absolute simulation times; a repair time of Time::Max() (the default) means never.
 */
class FaultHelper
{
  public:
    /**
     * @param name the injector's name in ns-3's Names (unique in the simulation; call
     *        Names::Clear() between simulations in one process)
     */
    explicit FaultHelper(const std::string& name = "faults");

    /// @return the injector (its traces, its log)
    Ptr<FaultInjector> GetInjector() const;

    /**
     * @brief An optical NIC's transceiver fails: its port goes down (frames lost as
     * DeviceFailed).
     * @param device the NIC (attached to a crossbar)
     * @param at when
     * @param repairAt when it is repaired, or Time::Max() for never
     * @return the component's id in the injector
     */
    uint32_t FailTransceiver(Ptr<OpticalNetDevice> device, Time at, Time repairAt = Time::Max());
    /// @brief An optical NIC's fiber is cut (frames lost as LinkDown).
    /// @param device the NIC @param at when @param repairAt when repaired, or never
    /// @return the component's id
    uint32_t FailFiber(Ptr<OpticalNetDevice> device, Time at, Time repairAt = Time::Max());
    /// @brief A crossbar port fails (frames lost as LinkDown).
    /// @param crossbar the crossbar @param port a port with a NIC @param at when
    /// @param repairAt when repaired, or never @return the component's id
    uint32_t FailCrossbarPort(Ptr<PhotonicCrossbar> crossbar,
                              uint32_t port,
                              Time at,
                              Time repairAt = Time::Max());
    /// @brief A whole crossbar fails (frames lost as DeviceFailed).
    /// @param crossbar the crossbar @param at when @param repairAt when repaired, or never
    /// @return the component's id
    uint32_t FailCrossbar(Ptr<PhotonicCrossbar> crossbar, Time at, Time repairAt = Time::Max());
    /**
     * @brief The first set-up, at or after a time, of a circuit from a port (without a
     * planned close: on-demand and static circuits) fails and is retried: it comes up after
     * twice its set-up time.
     * @param crossbar the crossbar
     * @param srcPort the circuit's source port
     * @param at from when
     * @return the component's id
     */
    uint32_t FailSetUp(Ptr<PhotonicCrossbar> crossbar, uint32_t srcPort, Time at);
    /**
     * @brief From a time, an optical NIC's fiber loses dbPerSecond more each second; the fiber
     * fails (frames lost as LinkBudget) when the worst link budget through it stops closing:
     * margin / rate after the start, with the margin (PhotonicCrossbar::GetWorstMarginDb)
     * taken then. Not repairable (a new fiber would have to be laid).
     * @param device the NIC
     * @param from when the loss starts growing
     * @param dbPerSecond the rate (> 0), dB/s
     * @return the component's id
     */
    uint32_t DegradeFiber(Ptr<OpticalNetDevice> device, Time from, double dbPerSecond);

    /// @brief A packet link fails (a switch port or its cable; frames lost as LinkDown).
    /// @param link the link @param at when @param repairAt when repaired, or never
    /// @return the component's id
    uint32_t FailLink(Ptr<PacketLink> link, Time at, Time repairAt = Time::Max());
    /// @brief A whole packet switch fails: all its links (frames lost as DeviceFailed).
    /// @param sw the switch @param at when @param repairAt when repaired, or never
    /// @return the component's id
    uint32_t FailSwitch(Ptr<PacketSwitch> sw, Time at, Time repairAt = Time::Max());
    /// @brief A host NIC's transceiver fails: its link (frames lost as DeviceFailed).
    /// @param device the NIC @param at when @param repairAt when repaired, or never
    /// @return the component's id
    uint32_t FailPacketTransceiver(Ptr<PacketNetDevice> device,
                                   Time at,
                                   Time repairAt = Time::Max());

    /**
     * @brief Random failures of one part of every device: exponential times to failure, mean
     * 3600 / failuresPerHour s (MTBF), each lasting repairTime (FaultInjector::
     * AddRandomFailures).
     * @param devices OpticalNetDevices or PacketNetDevices
     * @param component TRANSCEIVER or FIBER (for a PacketNetDevice: its link), or PORT
     *        (OpticalNetDevices: their crossbar port)
     * @param failuresPerHour rate per device (> 0)
     * @param repairTime downtime of each failure (> 0), or Time::Max() for never repaired
     * @param until no failure at or after this time
     * @return the failure times drawn
     */
    std::vector<Time> AddRandomFailures(const NetDeviceContainer& devices,
                                        FaultComponent component,
                                        double failuresPerHour,
                                        Time repairTime,
                                        Time until);
    /**
     * @brief Random failures of whole packet switches (as AddRandomFailures).
     * @param switches the switches
     * @param failuresPerHour rate per switch (> 0)
     * @param repairTime downtime of each failure (> 0), or Time::Max()
     * @param until no failure at or after this time
     * @return the failure times drawn
     */
    std::vector<Time> AddRandomSwitchFailures(const std::vector<Ptr<PacketSwitch>>& switches,
                                              double failuresPerHour,
                                              Time repairTime,
                                              Time until);

    /**
     * @brief Random failures of whole crossbars (as AddRandomFailures).
     * @param crossbars the crossbars
     * @param failuresPerHour rate per crossbar (> 0)
     * @param repairTime downtime of each failure (> 0), or Time::Max()
     * @param until no failure at or after this time
     * @return the failure times drawn
     */
    std::vector<Time> AddRandomCrossbarFailures(const std::vector<Ptr<PhotonicCrossbar>>& crossbars,
                                                double failuresPerHour,
                                                Time repairTime,
                                                Time until);
    /**
     * @brief Random failures of packet links, e.g. the links between switches (as
     * AddRandomFailures; LinkDown).
     * @param links the links
     * @param failuresPerHour rate per link (> 0)
     * @param repairTime downtime of each failure (> 0), or Time::Max()
     * @param until no failure at or after this time
     * @return the failure times drawn
     */
    std::vector<Time> AddRandomLinkFailures(const std::vector<Ptr<PacketLink>>& links,
                                            double failuresPerHour,
                                            Time repairTime,
                                            Time until);

    /**
     * @brief Use fixed random streams.
     * @param stream the first stream
     * @return streams used
     */
    int64_t AssignStreams(int64_t stream);

  private:
    /// @param device an optical NIC @param component a part @return its id (registered now)
    uint32_t AddOptical(Ptr<OpticalNetDevice> device, FaultComponent component);
    /// @param device a packet NIC @param component a part @return its id (registered now)
    uint32_t AddPacketDevice(Ptr<PacketNetDevice> device, FaultComponent component);
    /// @param sw a switch @return its id (registered now)
    uint32_t AddSwitch(Ptr<PacketSwitch> sw);
    /// @param crossbar a crossbar @return its id (registered now)
    uint32_t AddCrossbar(Ptr<PhotonicCrossbar> crossbar);
    /// @param link a link @return its id (registered now)
    uint32_t AddLink(Ptr<PacketLink> link);

    /**
     * @brief Register whole parts of one kind and draw their random failures.
     * @param parts the parts @param add the registration of one part
     * @param failuresPerHour rate per part @param repairTime repair time (0: none)
     * @param until horizon @return the failure instants
     */
    template <typename Part>
    std::vector<Time> AddRandomPartFailures(const std::vector<Ptr<Part>>& parts,
                                            uint32_t (FaultHelper::*add)(Ptr<Part>),
                                            double failuresPerHour,
                                            Time repairTime,
                                            Time until)
    {
        std::vector<uint32_t> ids;
        ids.reserve(parts.size());
        for (const Ptr<Part>& part : parts)
        {
            ids.push_back((this->*add)(part));
        }
        return m_injector->AddRandomFailures(ids, failuresPerHour, repairTime, until);
    }

    Ptr<FaultInjector> m_injector; //!< the injector
};

} // namespace ns3

#endif /* SCALE_ACROSS_FAULT_HELPER_H */
