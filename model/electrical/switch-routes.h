/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_SWITCH_ROUTES_H
#define SCALE_ACROSS_SWITCH_ROUTES_H

#include "packet-cell.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-electrical
 * @brief The up/down routes of a PacketSwitch and its choice among up ports (plain C++).
 *
 * Blocks of destination hosts leave through down ports (AddDownRoute: host h of a block
 * through firstPort + (h - firstHost) / hostsPerPort); every other host through one of the
 * up ports (SetUpPorts), chosen by the Policy. A few integers per block, not a table per
 * destination; a lookup is a binary search over the blocks.
 */
class SwitchRoutes
{
  public:
    /// How cells choose among the up ports.
    enum class Policy : uint8_t
    {
        ECMP,     //!< flow hash, the same port for every cell of a flow
        SPRAY,    //!< round robin per cell
        ADAPTIVE, //!< least queued bytes (ties: the next in turn)
    };

    /// @param name "ecmp", "spray" or "adaptive" (else std::invalid_argument) @return policy
    static Policy ParsePolicy(const std::string& name);
    /// @param policy a policy @return its name
    static std::string PolicyName(Policy policy);

    /// @param ports ports of the switch (routes must fit them)
    void SetPorts(uint32_t ports);
    /// @param policy the choice among up ports
    void SetPolicy(Policy policy);
    /// @return the choice among up ports
    Policy GetPolicy() const;

    /**
     * @brief Route the hosts firstHost ... lastHost down (see PacketSwitch::AddDownRoute).
     * @param firstHost first host of the block
     * @param lastHost last host of the block
     * @param firstPort port of the first hostsPerPort hosts
     * @param hostsPerPort hosts behind each port (>= 1)
     */
    void AddDownRoute(uint32_t firstHost,
                      uint32_t lastHost,
                      uint32_t firstPort,
                      uint32_t hostsPerPort);
    /**
     * @param firstPort first up port
     * @param count number of consecutive up ports (0: none)
     */
    void SetUpPorts(uint32_t firstPort, uint32_t count);

    /**
     * @brief A fault (once detected) takes a port out of the routes, or its repair puts it
     * back: an up port out of the routes leaves its flows to the other up ports (ECMP hashes
     * over the usable ones); hosts behind a down port out of the routes have no route.
     * @param port the port
     * @param usable false to take it out
     */
    void SetPortUsable(uint32_t port, bool usable);
    /// @param port a port @return false if a fault took it out of the routes
    bool IsPortUsable(uint32_t port) const;
    /// @param dst a host @return its down port, or the number of ports if it is not below
    uint32_t GetDownPort(uint32_t dst) const;
    /// @return the first up port
    uint32_t GetFirstUpPort() const;
    /// @return the number of up ports
    uint32_t GetNUpPorts() const;

    /**
     * @brief The ECMP hash: a 32-bit mix of its arguments (splitmix64's finalizer).
     * @param src source host index
     * @param dst destination host index
     * @param flow FabricFlowTag flow
     * @param seed the switch's Seed
     * @return the hash; the up port is firstUp + hash % count
     */
    static uint32_t EcmpHash(uint32_t src, uint32_t dst, uint8_t flow, uint32_t seed);

    /**
     * @param cell a cell
     * @param seed the ECMP seed
     * @param queueBytes bytes queued per output port (adaptive)
     * @return its output port, or the number of ports if it has no route
     */
    uint32_t Route(const PacketCell& cell, uint32_t seed, const std::vector<uint64_t>& queueBytes);

    /**
     * @brief The port a cell would take, without taking it (for path latencies): its down
     * port, else the ECMP port, else (spray, adaptive) the first up port: the helpers give
     * every up port of a switch the same link, so any of them has the path's latency. Ports a
     * fault took out are skipped while another remains; if none does, the fault-free port.
     * @param src source host
     * @param dst destination host
     * @param flow FabricFlowTag flow
     * @param seed the ECMP seed
     * @return the port, or the number of ports if there is no route
     */
    uint32_t PathPort(uint32_t src, uint32_t dst, uint8_t flow, uint32_t seed) const;

  private:
    /// @param dst a host @return its down port, or the number of ports if none here
    uint32_t DownPort(uint32_t dst) const;
    /// @param k an index below the usable up ports @return the k-th usable up port
    uint32_t UsableUpPort(uint32_t k) const;
    /// @return how many up ports are usable
    uint32_t UsableUpPorts() const;

    /// A block of hosts routed down.
    struct DownRoute
    {
        uint32_t firstHost;    //!< first host
        uint32_t lastHost;     //!< last host
        uint32_t firstPort;    //!< port of the first hosts
        uint32_t hostsPerPort; //!< hosts per port
    };

    uint32_t m_ports{0};           //!< ports of the switch
    Policy m_policy{Policy::ECMP}; //!< choice among up ports
    std::vector<DownRoute> m_down; //!< down routes, by first host
    uint32_t m_firstUp{0};         //!< first up port
    uint32_t m_nUp{0};             //!< up ports
    uint32_t m_turn{0};            //!< next up port in turn (spray, ties)
    std::vector<bool> m_unusable;  //!< per port: taken out by a fault (empty: none ever)
    uint32_t m_nUnusableUp{0};     //!< up ports taken out
};

} // namespace ns3

#endif /* SCALE_ACROSS_SWITCH_ROUTES_H */
