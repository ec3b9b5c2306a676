/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_TEST_FIXTURE_H
#define SCALE_ACROSS_TEST_FIXTURE_H

#include "ns3/circuit-scheduler.h"
#include "ns3/clos-fabric.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/optical-net-device.h"
#include "ns3/photonic-crossbar.h"
#include "ns3/test.h"

#include <functional>
#include <string>
#include <vector>

/**
 * @file
 * Shared by the scale-across test suites: a small fabric with recorded arrivals, the
 * byte-conservation check, and a death test for fatal configuration errors.
 */

namespace ns3
{
namespace scale_across_test
{

/// EtherType for raw test frames (IEEE 802 local experimental): not limited to the Mtu.
constexpr uint16_t TEST_PROTOCOL = 0x88B5;
/// Bytes of MAC header every frame carries.
constexpr uint32_t MAC_HEADER = 14;
/// Fiber group index used by the closed forms.
constexpr double FIBER_INDEX = 1.468;

/// How to build a test fabric.
struct FabricConfig
{
    uint32_t nodes{2};                         //!< endpoints
    uint32_t wavelengths{1};                   //!< per transceiver
    uint32_t wavelengthsPerCircuit{0};         //!< 0: all bonded
    std::string ratePerWavelength{"1600Gbps"}; //!< payload rate
    Time dsp{NanoSeconds(100)};                //!< DSP latency
    Time fec{NanoSeconds(100)};                //!< FEC latency
    double fiberMeters{10};                    //!< each NIC-to-crossbar fiber
    double attenuation{0.35};                  //!< dB/km
    double insertionLoss{5};                   //!< crossbar, dB
    Time reconfiguration{MicroSeconds(1)};     //!< crossbar set-up time
    Time switching{Seconds(0)};                //!< crossbar traversal
    bool waitForCircuit{true};                 //!< NIC waits for circuits
    uint64_t maxQueueBytes{uint64_t{4} << 30}; //!< NIC queue capacity
    bool staticRing{false}; //!< static ring circuits i -> i+1 instead of on-demand
    std::vector<std::pair<uint32_t, uint32_t>> staticCircuits; //!< static circuits (if any)
    Ptr<CircuitScheduler> scheduler; //!< another scheduler (rotor, wavelength-routed), if set
    std::string technology;          //!< crossbar technology preset, if set (before the above)
    uint32_t portLimit{0};           //!< crossbar PortLimit (0: the technology's)
    Ptr<ClosFabric> stages;          //!< stages behind the crossbar (multi-stage), if set
};

/// One frame delivered to a node.
struct Arrival
{
    uint32_t node;  //!< receiving node index
    uint32_t bytes; //!< payload bytes
    Time at;        //!< delivery time
};

/// A fabric built by OpticalFabricHelper, recording every delivery.
class TestFabric
{
  public:
    /// @param config how to build it
    explicit TestFabric(const FabricConfig& config);

    /// @param i node index @return its device
    Ptr<OpticalNetDevice> Dev(uint32_t i) const;
    /**
     * @brief Schedule a raw frame.
     * @param at send time
     * @param src sending node
     * @param dst receiving node
     * @param bytes payload bytes
     */
    void SendAt(Time at, uint32_t src, uint32_t dst, uint32_t bytes);
    /// @return bytes handed to Send on all devices
    uint64_t Sent() const;
    /// @return bytes delivered on all devices
    uint64_t Received() const;
    /// @return bytes dropped (any reason) on all devices
    uint64_t Dropped() const;
    /// @param r a reason @return bytes dropped for it on all devices
    uint64_t Dropped(DropReason r) const;
    /// @return bytes still queued on all devices
    uint64_t Queued() const;
    /// @return true if sent = received + dropped + queued
    bool Conserved() const;

    NodeContainer nodes;            //!< endpoints
    NetDeviceContainer devices;     //!< their devices
    Ptr<PhotonicCrossbar> crossbar; //!< the crossbar
    std::vector<Arrival> arrivals;  //!< deliveries, in order

  private:
    /// Receive callback of every device.
    bool Receive(Ptr<NetDevice> dev, Ptr<const Packet> p, uint16_t protocol, const Address& from);
};

/**
 * @brief Closed form of one transfer on an established circuit.
 * @param payload payload bytes (the MAC header is added)
 * @param wavelengths bonded wavelengths
 * @param rateBps payload rate per wavelength
 * @param fixed receiver DSP + FEC latency
 * @param fiberMeters total fiber, sender to receiver
 * @param switching crossbar traversal
 * @return serialization + fixed latency + propagation + switching
 */
Time ClosedFormTransfer(uint64_t payload,
                        uint32_t wavelengths,
                        double rateBps,
                        Time fixed,
                        double fiberMeters,
                        Time switching);

/**
 * @brief Run fn in a child process and report whether it stopped with a fatal error whose
 * message contains every one of the expected substrings.
 * @param fn code expected to abort
 * @param expected substrings of the message
 * @param detail set to what happened, for the test's failure message
 * @return true if the child aborted with a matching message
 */
bool ExpectFatal(const std::function<void()>& fn,
                 const std::vector<std::string>& expected,
                 std::string& detail);

/// A test case that passes when fn stops with a fatal error naming every expected word.
class FatalTestCase : public TestCase
{
  public:
    /**
     * @param name what is tested
     * @param fn the bad input
     * @param expected words the message must contain
     */
    FatalTestCase(std::string name, std::function<void()> fn, std::vector<std::string> expected);

  private:
    void DoRun() override;

    std::function<void()> m_fn;          //!< the bad input
    std::vector<std::string> m_expected; //!< words of the message
};

} // namespace scale_across_test
} // namespace ns3

#endif /* SCALE_ACROSS_TEST_FIXTURE_H */
