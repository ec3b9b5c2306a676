/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_MULTI_STAGE_OPTICAL_FABRIC_HELPER_H
#define SCALE_ACROSS_MULTI_STAGE_OPTICAL_FABRIC_HELPER_H

#include "optical-fabric-helper.h"

#include "ns3/clos-fabric.h"

#include <array>
#include <string>

namespace ns3
{

/**
 * @ingroup scale-across-helper
 * @brief Builds an optical fabric of as many crossbar stages as the technology's port limit
 * needs: one crossbar if the nodes fit on one, else a three-stage Clos of crossbars
 * (ClosFabric behind one logical PhotonicCrossbar).
 *
 * With port limit P and N > P nodes: r = ceil(N / P) ingress and r egress switches, each
 * taking k = ceil(N / r) nodes, and m = k middle switches (rearrangeably non-blocking) unless
 * MiddleSwitches is set. Three stages of P-port crossbars reach P^2 nodes; more needs five
 * stages, which this helper does not build (it stops and says so).
 * @code
 *   MultiStageOpticalFabricHelper fabric;
 *   fabric.SetStageTechnology("MEMS");                  // 136 ports, 2 dB, 10 ms per stage
 *   NetDeviceContainer devices = fabric.Install(nodes); // 512 nodes: 4 + 128 + 4 switches
 * @endcode
 * Everything else (devices, transceivers, fibers, schedulers, tracing) is OpticalFabricHelper's.
 */
class MultiStageOpticalFabricHelper : public OpticalFabricHelper
{
  public:
    MultiStageOpticalFabricHelper();
    ~MultiStageOpticalFabricHelper() override;

    /**
     * @brief Build every stage with one technology: its largest port count shapes the Clos,
     * its insertion loss and reconfiguration time go to each stage (and to the single
     * crossbar when the nodes fit on one).
     * @param name one of CrossbarTechnology::GetNames()
     */
    void SetStageTechnology(const std::string& name);
    /**
     * @brief Build one stage with a technology (the smallest port limit of the three shapes
     * the Clos). The ingress stage's technology also sets the crossbar's figures, used when
     * one crossbar holds the nodes (crossbar attributes set afterwards override them), and
     * the stages' PortPowerWatts (one figure for all three).
     * @param stage the stage
     * @param name one of CrossbarTechnology::GetNames()
     */
    void SetStageTechnology(ClosFabric::Stage stage, const std::string& name);
    /**
     * @param name attribute of ns3::ClosFabric (overrides what the technologies set;
     *        EdgePorts and MiddleSwitches override the planned shape)
     * @param value its value
     */
    void SetStageAttribute(std::string name, const AttributeValue& value);
    /**
     * @param limit largest crossbar for a what-if study (0: the technologies'), like
     *        PhotonicCrossbar::PortLimit
     */
    void SetPortLimit(uint32_t limit);

    /**
     * @brief Build the fabric.
     * @param nodes the endpoints; node i is on logical port i (ingress and egress i / k)
     * @return the devices, in the order of nodes
     */
    NetDeviceContainer Install(const NodeContainer& nodes);

    /// @return the stages of the last Install, or nullptr if one crossbar held the nodes
    Ptr<ClosFabric> GetStages() const;
    /// @return the port limit Install plans with (0: none)
    uint32_t GetPortLimit() const;

    /// The shape of a three-stage Clos.
    struct Shape
    {
        uint32_t edgePorts; //!< k, nodes per ingress (and egress) switch
        uint32_t middles;   //!< m, middle switches
        uint32_t edges;     //!< r, ingress (and egress) switches
    };

    /**
     * @brief The fewest edge switches of at most portLimit ports that hold the nodes, with
     * the nodes spread evenly over them.
     * @param nodes N (> portLimit)
     * @param portLimit P (>= 1)
     * @return r = ceil(N / P), k = ceil(N / r), m = k
     */
    static Shape Plan(uint32_t nodes, uint32_t portLimit);

  private:
    ObjectFactory m_stageFactory;              //!< ClosFabric
    std::array<std::string, 3> m_technologies; //!< per stage, "" if none
    uint32_t m_portLimit;                      //!< what-if limit, 0 if none
    bool m_edgePortsSet;                       //!< EdgePorts given by the user
    bool m_middlesSet;                         //!< MiddleSwitches given by the user
    Ptr<ClosFabric> m_stages;                  //!< stages of the last Install
};

} // namespace ns3

#endif /* SCALE_ACROSS_MULTI_STAGE_OPTICAL_FABRIC_HELPER_H */
