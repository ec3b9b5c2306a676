/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_BYTE_CONSERVATION_H
#define SCALE_ACROSS_BYTE_CONSERVATION_H

#include "byte-counters.h"

#include "ns3/net-device-container.h"
#include "ns3/object.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-common
 * @brief A fabric element whose bytes ByteConservation checks: a NIC, a crossbar, a switch.
 *
 * The element fills its ByteCounters as bytes pass; nothing else writes them.
 */
class ByteCounted
{
  public:
    virtual ~ByteCounted();
    /// @return where the bytes given to this element went
    virtual const ByteCounters& GetByteCounters() const = 0;
    /// @return how reports name this element, e.g. "OpticalNetDevice 00:00:00:00:00:01 on
    ///         node 0"
    virtual std::string GetByteCountersName() const = 0;
};

/**
 * @ingroup scale-across-common
 * @brief The one byte-conservation check of every fabric.
 *
 * Elements register once (Watch, called by the fabric when it wires them); at
 * Simulator::Destroy every registered element must balance (ByteCounters::IsBalanced), or
 * the run stops with a fatal error that names each element that does not and every term of
 * its balance. The global value CheckByteConservation (default true) turns the check off,
 * for example to go on past a model bug.
 *
 * A simulation's registry lives in the event that runs the check, so it ends with
 * Simulator::Destroy and the next simulation in the same process starts afresh.
 */
class ByteConservation : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    ByteConservation();
    ~ByteConservation() override;

    /**
     * @brief Check this element at Simulator::Destroy (keeps it alive until then).
     * @param element an Object that implements ByteCounted
     */
    static void Watch(Ptr<Object> element);

    /**
     * @brief Check every element registered in this simulation, now.
     * @param report set to one line per element that does not balance
     * @return true if every element balances
     */
    static bool CheckNow(std::string& report);

    /**
     * @param devices devices (those that are not ByteCounted are skipped)
     * @return their counters, summed
     */
    static ByteCounters Sum(const NetDeviceContainer& devices);
    /**
     * @return the drops of every element registered in this simulation, summed by reason:
     *         a byte is dropped at one element only, so the sum counts each lost byte once
     *         (the other terms of the result are 0: they would count a byte once per element
     *         it passed)
     */
    static ByteCounters SumDrops();

  private:
    /// @return the registry of this simulation, created and scheduled on first use
    static ByteConservation& Current();
    /// @param report set to the lines of elements that do not balance @return true if none
    bool Check(std::string& report) const;
    /// Run at Simulator::Destroy.
    void CheckAtDestroy();

    std::vector<Ptr<Object>> m_elements; //!< registered elements (each ByteCounted)
    static ByteConservation* s_current;  //!< this simulation's registry, owned by its event
};

} // namespace ns3

#endif /* SCALE_ACROSS_BYTE_CONSERVATION_H */
