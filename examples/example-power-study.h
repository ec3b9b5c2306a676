/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_EXAMPLE_POWER_STUDY_H
#define SCALE_ACROSS_EXAMPLE_POWER_STUDY_H

#include "ns3/fabric-power-report.h"

#include <array>
#include <cstdint>
#include <string>

namespace ns3
{

/**
 * @brief scale-across-power's measurements: build one fabric of N endpoints, read its power
 * and parts with FabricPowerHelper, and time one ring all-reduce on it, simulated (N up to
 * simulateMax) or in closed form.
 *
 * Fabrics, all at the same endpoint rate:
 *  - optical: one crossbar of N ports (a what-if past the technology's largest crossbar);
 *  - multistage: what the technology builds (MultiStageOpticalFabricHelper: one crossbar
 *    while N fits, else a three-stage Clos; N past P^2 needs five stages: not built);
 *  - leafspine: non-blocking two tiers of radix 2h, h hosts per leaf, the smallest h that
 *    divides N with N / h <= 2h (not built past the ASIC's radix);
 *  - fattree: the smallest k-ary fat-tree that holds N (k^3/4 >= N; not built past k = the
 *    ASIC's radix).
 * A switch of R ports draws the ASIC preset's power x R / its radix (its radix: the ASIC's
 * rate / the endpoint rate): a smaller ASIC at the same energy per bit, an assumption. A
 * transceiver at a link end of rate B draws its preset's power x B / the preset's rate.
 */
class ExamplePowerStudy
{
  public:
    /// What the study builds.
    struct Options
    {
        double rateGbps;          //!< endpoint rate, Gb/s
        std::string nicOptics;    //!< PowerTechnology preset at the endpoints
        std::string switchOptics; //!< PowerTechnology preset at switch ports
        bool hostLinkOptics;      //!< optics on host links (false: copper, 0 W)
        std::string asic;         //!< PowerTechnology preset of the switch ASIC
        std::string crossbar;     //!< CrossbarTechnology preset
        uint64_t bytes;           //!< all-reduce size, bytes
        uint32_t simulateMax;     //!< simulate the all-reduce up to this N
    };

    /// One fabric of N endpoints.
    struct Row
    {
        std::string fabric;                                       //!< fabric name
        uint32_t endpoints{0};                                    //!< N
        std::string shape;                                        //!< e.g. "k = 16"
        bool built{false};                                        //!< false: not buildable
        bool whatIf{false};                                       //!< built past a part's limit
        FabricPowerReport::Inventory parts;                       //!< part counts
        std::array<double, FabricPowerReport::N_CLASSES> watts{}; //!< static power by class
        double totalWatts{0};                                     //!< static power, W
        double closedSeconds{0};                                  //!< all-reduce, closed form, s
        double closedJoules{0};                                   //!< its energy, J
        bool simulated{false};                                    //!< simulated too
        double simSeconds{0};                                     //!< all-reduce, simulated, s
        double simJoules{0};                                      //!< its energy, J
    };

    /// @param options what to build
    explicit ExamplePowerStudy(const Options& options);

    /**
     * @param fabric optical, multistage, leafspine or fattree
     * @param n endpoints
     * @return its row (built = false and shape saying why if it cannot be built)
     */
    Row Measure(const std::string& fabric, uint32_t n) const;

    /// @return the switch ASIC's radix at the endpoint rate
    uint32_t GetRadix() const;
    /**
     * @param preset a PowerTechnology transceiver preset
     * @return its power at one link end of the endpoint rate, W
     */
    double GetEndWatts(const std::string& preset) const;

  private:
    /// Build, measure, simulate: see Measure. @param row filled in
    void Build(Row& row) const;

    Options m_options; //!< what to build
};

} // namespace ns3

#endif /* SCALE_ACROSS_EXAMPLE_POWER_STUDY_H */
