/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FabricPowerReport: every sum is the sum of its device lines, each line E = W x s +
 * pJ/bit x 1e-12 x bits + J x reconfigurations; PowerTechnology: the presets' figures.
 */

#include "ns3/fabric-power-report.h"
#include "ns3/power-technology.h"

#include <gtest/gtest.h>
#include <stdexcept>

namespace
{

using ns3::FabricPowerReport;
using ns3::PowerTechnology;

/**
 * @param c its class @param endpoint its endpoint or -1 @param w static power, W
 * @param pj energy per bit, pJ @param bits bits carried
 * @return a device line
 */
FabricPowerReport::Device
Line(FabricPowerReport::Class c, int64_t endpoint, double w, double pj, uint64_t bits)
{
    FabricPowerReport::Device d;
    d.deviceClass = c;
    d.endpoint = endpoint;
    d.staticWatts = w;
    d.picojoulesPerBit = pj;
    d.bits = bits;
    return d;
}

TEST(FabricPowerReport, DeviceEnergyIsTheClosedForm)
{
    FabricPowerReport::Device d = Line(FabricPowerReport::CROSSBAR, -1, 6.4, 2, 1000000);
    d.joulesPerReconfiguration = 0.25;
    d.reconfigurations = 3;
    EXPECT_DOUBLE_EQ(d.GetEnergyJoules(0.5), 6.4 * 0.5 + 2e-12 * 1e6 + 0.75);
}

TEST(FabricPowerReport, SumsAreSumsOfTheLines)
{
    FabricPowerReport r("test", 2.0);
    r.GetInventory().endpoints = 2;
    r.Add(Line(FabricPowerReport::HOST_TRANSCEIVER, 0, 15, 1, 800));
    r.Add(Line(FabricPowerReport::HOST_TRANSCEIVER, 1, 15, 1, 1600));
    r.Add(Line(FabricPowerReport::SWITCH_TRANSCEIVER, -1, 15, 0, 0));
    r.Add(Line(FabricPowerReport::SWITCH_ASIC, -1, 450, 3, 2400));
    double joules = 0;
    double watts = 0;
    for (const auto& d : r.GetDevices())
    {
        joules += d.GetEnergyJoules(2.0);
        watts += d.staticWatts;
    }
    EXPECT_DOUBLE_EQ(r.GetStaticPowerWatts(), watts);
    EXPECT_DOUBLE_EQ(r.GetStaticPowerWatts(), 495);
    EXPECT_DOUBLE_EQ(r.GetEnergyJoules(), joules);
    EXPECT_DOUBLE_EQ(r.GetEnergyJoules(FabricPowerReport::HOST_TRANSCEIVER), 60 + 1e-12 * 2400);
    EXPECT_DOUBLE_EQ(r.GetEnergyJoules(FabricPowerReport::SWITCH_ASIC), 900 + 3e-12 * 2400);
    EXPECT_DOUBLE_EQ(r.GetEnergyJoules(FabricPowerReport::CROSSBAR), 0);
    EXPECT_DOUBLE_EQ(r.GetStaticPowerWattsPerEndpoint(), 495.0 / 2);
    EXPECT_DOUBLE_EQ(r.GetEnergyJoulesPerEndpoint(), joules / 2);
    EXPECT_DOUBLE_EQ(r.GetEndpointStaticPowerWatts(1), 15);
    EXPECT_EQ(r.GetNDevices(FabricPowerReport::HOST_TRANSCEIVER), 2u);
    EXPECT_EQ(r.GetNDevices(FabricPowerReport::CROSSBAR), 0u);
}

TEST(FabricPowerReport, RefusesANegativeInterval)
{
    EXPECT_THROW(FabricPowerReport("x", -1), std::invalid_argument);
}

TEST(PowerTechnology, FullRateEnergyPerBit)
{
    // 450 W at 51.2 Tb/s is 8.79 pJ/bit: the trade press's "about 8.8".
    const PowerTechnology* asic = PowerTechnology::Find("asic-51.2t");
    ASSERT_NE(asic, nullptr);
    EXPECT_NEAR(asic->GetFullRatePicojoulesPerBit(), 8.789, 1e-3);
    // The 102.4 Tb/s ASIC is assumed at the same pJ/bit.
    EXPECT_NEAR(PowerTechnology::Find("asic-102.4t")->GetFullRatePicojoulesPerBit(),
                asic->GetFullRatePicojoulesPerBit(),
                1e-9);
    EXPECT_TRUE(PowerTechnology::Find("asic-102.4t")->assumption);
    // CPO against a 1.6T DSP pluggable: 9 W against 26 W.
    EXPECT_DOUBLE_EQ(PowerTechnology::Find("cpo-1.6t")->GetFullRatePicojoulesPerBit(), 5.625);
    EXPECT_EQ(PowerTechnology::Find("nonesuch"), nullptr);
    EXPECT_EQ(PowerTechnology::GetNames(PowerTechnology::SWITCH_ASIC), "asic-51.2t, asic-102.4t");
}

} // namespace
