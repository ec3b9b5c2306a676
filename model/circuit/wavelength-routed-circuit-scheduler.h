/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_WAVELENGTH_ROUTED_CIRCUIT_SCHEDULER_H
#define SCALE_ACROSS_WAVELENGTH_ROUTED_CIRCUIT_SCHEDULER_H

#include "slotted-circuit-scheduler.h"

namespace ns3
{

/**
 * @ingroup scale-across-circuit
 * @brief A wavelength-routed fabric (Sirius, SIGCOMM'20): a passive arrayed-waveguide grating
 * router (AWGR) sends what enters port i on wavelength k to port (i + k) mod N, so a NIC
 * reaches a peer by tuning its laser, and time slots share the peers.
 *
 * As in Sirius, the schedule is fixed and cyclic: in slot s every NIC's laser on lane l is on
 * wavelength k = ((s K + l) mod (N - 1)) + 1 (SlottedCircuitScheduler); a slot's circuits carry
 * frames TuningTime after its start, until its end. A circuit (src, dst) is the crossbar's
 * port-table circuit from src to dst: the AWGR itself never reconfigures.
 *
 * What it abstracts: the laser's tuning and the receiver's clock recovery are one TuningTime
 * (Sirius: tuning under 912 ps, 3.84 ns end to end; the AWGR preset's ReconfigurationTime is
 * the latter, rounded up to 4 ns, and TuningTime = 0 takes the crossbar's); crosstalk between
 * wavelengths and the AWGR's free spectral range are not modelled; one coherent receiver per
 * lane takes the one wavelength the schedule sends it. For a laser that tunes on demand to a
 * waiting peer instead of following the cycle, use OnDemandCircuitScheduler on a crossbar of
 * the AWGR technology (a circuit per requested pair, ReconfigurationTime after its ends are
 * free).
 */
class WavelengthRoutedCircuitScheduler : public SlottedCircuitScheduler
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    WavelengthRoutedCircuitScheduler();
    ~WavelengthRoutedCircuitScheduler() override;

    /// @return the TuningTime attribute (0: the crossbar's ReconfigurationTime)
    Time GetTuningTime() const;

    /**
     * @param srcPort a port
     * @param dstPort another port
     * @param ports N
     * @return the wavelength on which the AWGR sends srcPort's light to dstPort: (dst - src)
     *         mod N
     */
    static uint32_t Wavelength(uint32_t srcPort, uint32_t dstPort, uint32_t ports);

  protected:
    Time GetSetUpAttribute() const override;
    void CheckSetUp(Time setUp, Time reconfiguration) const override;

  private:
    /// @param t tuning time (>= 0)
    void SetTuningTime(Time t);

    Time m_tuningTime; //!< TuningTime attribute
};

} // namespace ns3

#endif /* SCALE_ACROSS_WAVELENGTH_ROUTED_CIRCUIT_SCHEDULER_H */
