/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_PORT_FAULT_STATE_H
#define SCALE_ACROSS_PORT_FAULT_STATE_H

#include "ns3/drop-reason.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-fault
 * @brief The part of a fabric a fault takes out.
 */
enum class FaultComponent : uint8_t
{
    TRANSCEIVER = 0, //!< a NIC's transceiver (transmitter and receiver)
    FIBER,           //!< the fiber or cable between a NIC and its switch port
    PORT,            //!< one port of a crossbar or packet switch
    SWITCH,          //!< a whole crossbar or packet switch
    COUNT            //!< number of components (not a component)
};

/**
 * @param component a component
 * @return its name, e.g. "Fiber"
 */
std::string ToString(FaultComponent component);

/**
 * @ingroup scale-across-fault
 * @brief Which ports of a switch are usable, given the faults on the parts behind each
 * (plain C++).
 *
 * A port is up while none of its parts (its NIC's transceiver, its fiber, the port itself)
 * nor the whole switch has failed; faults overlap (a fiber cut on a port whose transceiver has
 * also failed comes up only once both are repaired). Each time a port goes down its epoch
 * grows: a frame that records the epochs of its ports at launch and finds another epoch (or a
 * port down) when it would arrive was on the path when it broke, and is lost with the reason
 * of that failure.
 */
class PortFaultState
{
  public:
    /// @param ports number of ports (every port up; resets the state)
    void SetPorts(uint32_t ports);
    /// @return number of ports
    uint32_t GetNPorts() const;

    /**
     * @brief A part behind a port fails.
     * @param port the port
     * @param component TRANSCEIVER, FIBER or PORT (SWITCH: use FailSwitch)
     * @param reason what frames lost to it are counted as
     * @return true if the port went down now (it was up)
     */
    bool Fail(uint32_t port, FaultComponent component, DropReason reason);
    /**
     * @brief A part behind a port is repaired.
     * @param port the port
     * @param component the part
     * @return true if the port came up now (nothing else keeps it down)
     */
    bool Repair(uint32_t port, FaultComponent component);
    /// @brief The whole switch fails. @param reason the reason for frames lost to it
    /// @return the ports that went down now
    std::vector<uint32_t> FailSwitch(DropReason reason);
    /// @brief The whole switch is repaired. @return the ports that came up now
    std::vector<uint32_t> RepairSwitch();

    /// @param port a port @return true if usable
    bool IsUp(uint32_t port) const;
    /// @param port a port @param component a part @return true if that part has failed
    bool IsFailed(uint32_t port, FaultComponent component) const;
    /// @param port a port @return how many times it has gone down
    uint32_t GetEpoch(uint32_t port) const;
    /// @param port a port @return the reason of the failure that took it down last
    DropReason GetLossReason(uint32_t port) const;
    /// @return true if any port is down
    bool AnyDown() const;

  private:
    /// Mark a port down. @param port the port @param reason the loss reason
    void GoDown(uint32_t port, DropReason reason);

    /// Per port: failed parts (bit per FaultComponent), epoch, loss reason.
    struct Port
    {
        uint8_t failed{0};                        //!< bit per failed component
        uint32_t epoch{0};                        //!< times gone down
        DropReason reason{DropReason::LINK_DOWN}; //!< of the last failure
    };

    std::vector<Port> m_ports;  //!< by port
    bool m_switchFailed{false}; //!< the whole switch is down
    uint32_t m_nDown{0};        //!< ports down
};

} // namespace ns3

#endif /* SCALE_ACROSS_PORT_FAULT_STATE_H */
