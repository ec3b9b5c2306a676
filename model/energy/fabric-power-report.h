/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_FABRIC_POWER_REPORT_H
#define SCALE_ACROSS_FABRIC_POWER_REPORT_H

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-energy
 * @brief Power, energy and part counts of a fabric over an interval, device by device
 * (plain C++; FabricPowerHelper fills it from a built fabric).
 *
 * Each device line holds its static power, its pJ/bit and the bits it carried in the interval,
 * and its energy per reconfiguration and reconfigurations in the interval; its energy is
 *   E = staticWatts x seconds + picojoulesPerBit x 1e-12 x bits + joulesPerReconfiguration x
 *       reconfigurations,
 * and every sum the report gives (by class, per endpoint, in total) is the sum of its lines,
 * so the report equals the sum of its devices by construction (and the suites check it
 * against the devices' own getters).
 *
 * The part counts (Inventory) are what a cost model prices: transceivers, switch ASICs and
 * their ports, crossbar ports, links and fiber.
 */
class FabricPowerReport
{
  public:
    /// The classes a device is summed in.
    enum Class
    {
        HOST_TRANSCEIVER = 0,   //!< a transceiver at an endpoint's NIC
        SWITCH_TRANSCEIVER = 1, //!< a transceiver at a packet switch's port
        SWITCH_ASIC = 2,        //!< a packet switch's ASIC (its optics apart)
        CROSSBAR = 3,           //!< a photonic crossbar, or the stages of a multi-stage one
        N_CLASSES = 4,          //!< number of classes
    };

    /// One device's figures over the interval.
    struct Device
    {
        Class deviceClass{HOST_TRANSCEIVER}; //!< its class
        std::string name;                    //!< e.g. "leaf 3 port 7"
        int64_t endpoint{-1};                //!< the endpoint it serves, or -1 (shared)
        double staticWatts{0};               //!< static power, W
        double picojoulesPerBit{0};          //!< energy per bit on top, pJ/bit
        uint64_t bits{0};                    //!< bits it carried in the interval
        double joulesPerReconfiguration{0};  //!< energy per reconfiguration, J
        uint64_t reconfigurations{0};        //!< reconfigurations in the interval

        /// @param seconds the interval @return its energy over the interval, J
        double GetEnergyJoules(double seconds) const;
    };

    /// Part counts of the fabric (what a cost model prices).
    struct Inventory
    {
        uint64_t endpoints{0};          //!< endpoints (hosts)
        uint64_t hostTransceivers{0};   //!< transceivers at endpoints
        uint64_t switchTransceivers{0}; //!< transceivers at switch ports
        uint64_t switches{0};           //!< packet switches (ASICs)
        uint64_t switchPorts{0};        //!< their ports (NumPorts, wired or not)
        uint64_t crossbars{0};          //!< crossbar (stage) switches
        uint64_t crossbarPorts{0};      //!< their ports, each one input and one output
        uint64_t links{0};              //!< cables: host links, switch links, fibers
        double fiberMeters{0};          //!< fiber length of all links, m
    };

    /**
     * @param fabric what the report is of, e.g. "leaf-spine"
     * @param seconds length of the interval (>= 0)
     */
    FabricPowerReport(std::string fabric, double seconds);

    /// @param device a device's figures over the interval
    void Add(const Device& device);
    /// @return the part counts (filled by whoever builds the report)
    Inventory& GetInventory();
    /// @return the part counts
    const Inventory& GetInventory() const;

    /// @return the fabric's name
    const std::string& GetFabric() const;
    /// @return the interval, s
    double GetSeconds() const;
    /// @return the device lines, in the order added
    const std::vector<Device>& GetDevices() const;

    /// @return sum of the devices' static power, W
    double GetStaticPowerWatts() const;
    /// @param c a class @return sum of its devices' static power, W
    double GetStaticPowerWatts(Class c) const;
    /// @return sum of the devices' energy over the interval, J
    double GetEnergyJoules() const;
    /// @param c a class @return sum of its devices' energy over the interval, J
    double GetEnergyJoules(Class c) const;
    /// @return GetStaticPowerWatts() / endpoints, W (0 without endpoints)
    double GetStaticPowerWattsPerEndpoint() const;
    /// @return GetEnergyJoules() / endpoints, J (0 without endpoints)
    double GetEnergyJoulesPerEndpoint() const;
    /**
     * @param endpoint an endpoint index
     * @return static power of the devices that serve it alone (its host transceiver(s)), W
     */
    double GetEndpointStaticPowerWatts(int64_t endpoint) const;
    /// @param c a class @return how many devices it has
    uint64_t GetNDevices(Class c) const;

    /// @param c a class @return its name, e.g. "host transceivers"
    static std::string GetClassName(Class c);

  private:
    std::string m_fabric;                       //!< what it is of
    double m_seconds;                           //!< the interval, s
    std::vector<Device> m_devices;              //!< device lines
    Inventory m_inventory;                      //!< part counts
    std::array<double, N_CLASSES> m_watts{};    //!< static power per class, W
    std::array<double, N_CLASSES> m_joules{};   //!< energy per class, J
    std::array<uint64_t, N_CLASSES> m_counts{}; //!< devices per class
};

} // namespace ns3

#endif /* SCALE_ACROSS_FABRIC_POWER_REPORT_H */
