/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_FABRIC_COST_MODEL_H
#define SCALE_ACROSS_FABRIC_COST_MODEL_H

#include "fabric-power-report.h"

#include "ns3/object.h"

namespace ns3
{

/**
 * @ingroup scale-across-energy
 * @brief Capital cost of a fabric from its part counts (FabricPowerReport::Inventory), and
 * the cost of the energy it draws.
 *
 *   capital = TransceiverPriceUsd x (host + switch transceivers)
 *           + SwitchPortPriceUsd x switch ports + CrossbarPortPriceUsd x crossbar ports
 *           + FiberPriceUsdPerMeter x fiber metres + LinkInstallationPriceUsd x links
 *   energy cost = ElectricityPriceUsdPerKilowattHour x joules / 3.6e6
 *
 * No part price is published (REFERENCES.md: "Transceiver and port prices: none confirmed
 * publicly"), so every default is an assumption, stated in the attribute's help and in
 * doc/scale-across.rst; the example's sensitivity plot varies them.
 */
class FabricCostModel : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    FabricCostModel();
    ~FabricCostModel() override;

    // Delete copy constructor and assignment operator to avoid misuse
    FabricCostModel(const FabricCostModel&) = delete;
    FabricCostModel& operator=(const FabricCostModel&) = delete;

    /// A capital cost split by part.
    struct Breakdown
    {
        double transceiversUsd{0};  //!< all transceivers
        double switchPortsUsd{0};   //!< packet-switch ports (ASIC, box, share of chassis)
        double crossbarPortsUsd{0}; //!< crossbar ports
        double fiberUsd{0};         //!< fiber
        double installationUsd{0};  //!< installing links

        /// @return the sum of the parts, USD
        double GetTotalUsd() const;
    };

    /**
     * @param parts a fabric's part counts
     * @return its capital cost, by part
     */
    Breakdown GetCapitalCost(const FabricPowerReport::Inventory& parts) const;
    /**
     * @param parts a fabric's part counts
     * @return capital cost per endpoint, USD (0 without endpoints)
     */
    double GetCapitalCostUsdPerEndpoint(const FabricPowerReport::Inventory& parts) const;
    /**
     * @param joules energy drawn
     * @return what it costs at ElectricityPriceUsdPerKilowattHour, USD
     */
    double GetEnergyCostUsd(double joules) const;

  private:
    double m_transceiverUsd;   //!< TransceiverPriceUsd
    double m_switchPortUsd;    //!< SwitchPortPriceUsd
    double m_crossbarPortUsd;  //!< CrossbarPortPriceUsd
    double m_fiberUsdPerMeter; //!< FiberPriceUsdPerMeter
    double m_installUsd;       //!< LinkInstallationPriceUsd
    double m_usdPerKwh;        //!< ElectricityPriceUsdPerKilowattHour
};

} // namespace ns3

#endif /* SCALE_ACROSS_FABRIC_COST_MODEL_H */
