/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-fault-random: random failures (FaultInjector::AddRandomFailures) and bad
 * fault input.
 *  - The same seed, run and streams draw the same failure times; another run draws others.
 *  - Times to failure are exponential with mean 1 / rate: over n draws (a component failing
 *    at 1 per hour, repaired after 1 min, for 4,000 hours) the sample mean of the up times is
 *    within 4 standard errors of 3600 s (standard error 3600 s / sqrt(n), about 1 % here:
 *    a false alarm once in 16,000 seeds).
 *  - Random fiber failures under traffic on an optical fabric: every failure and repair
 *    happens, logged and traced, and every element balances its bytes.
 *  - Bad input stops with one message naming the value, the call and what is valid.
 */

#include "../electrical-test-fixture.h"
#include "../scale-across-test-fixture.h"

#include "ns3/byte-conservation.h"
#include "ns3/config.h"
#include "ns3/fault-helper.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/names.h"
#include "ns3/packet-link.h"
#include "ns3/packet-switch.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <cmath>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// @param run the RNG run number @param ids components @return failure times drawn
std::vector<Time>
Draw(uint64_t run, uint32_t ids)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(run);
    Ptr<FaultInjector> injector = CreateObject<FaultInjector>();
    injector->AssignStreams(11);
    std::vector<uint32_t> all;
    for (uint32_t i = 0; i < ids; ++i)
    {
        all.push_back(injector->Add(
            "c" + std::to_string(i),
            []() {},
            []() {}));
    }
    std::vector<Time> t = injector->AddRandomFailures(all, 360000, MicroSeconds(10), Seconds(1));
    Simulator::Destroy();
    return t;
}

/// Same seed, same failures.
class ReproducibleTestCase : public TestCase
{
  public:
    ReproducibleTestCase()
        : TestCase("same seed, run and streams: the same failure times; another run: others")
    {
    }

  private:
    void DoRun() override
    {
        const std::vector<Time> a = Draw(1, 4);
        const std::vector<Time> b = Draw(1, 4);
        const std::vector<Time> c = Draw(2, 4);
        NS_TEST_ASSERT_MSG_GT(a.size(), 100, "rate 100 per second over 1 s, 4 components");
        NS_TEST_EXPECT_MSG_EQ((a == b), true, "run 1 twice");
        NS_TEST_EXPECT_MSG_EQ((a == c), false, "runs 1 and 2");
    }
};

/// The mean time to failure is 1 / rate.
class MeanTestCase : public TestCase
{
  public:
    MeanTestCase()
        : TestCase("1 failure per hour, 1 min repair, 4000 hours: mean up time 3600 s within 4 "
                   "standard errors; each failure is repaired; the log has them in order")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(3);
        RngSeedManager::SetRun(1);
        Ptr<FaultInjector> injector = CreateObject<FaultInjector>();
        injector->AssignStreams(0);
        uint32_t down = 0;
        const uint32_t id = injector->Add(
            "c",
            [&down]() { ++down; },
            [&down]() { --down; });
        const Time repair = Minutes(1);
        const std::vector<Time> t = injector->AddRandomFailures({id}, 1.0, repair, Hours(4000));
        Simulator::Run();
        const double n = static_cast<double>(t.size());
        NS_TEST_ASSERT_MSG_GT(n, 3000, "about 4000 failures");
        // Up times: the first failure from 0, then from each repair.
        double sum = t[0].GetSeconds();
        for (size_t i = 1; i < t.size(); ++i)
        {
            sum += (t[i] - t[i - 1] - repair).GetSeconds();
        }
        const double mean = sum / n;
        const double se = 3600 / std::sqrt(n);
        NS_TEST_EXPECT_MSG_LT(std::abs(mean - 3600), 4 * se, "mean up time " << mean << " s");
        NS_TEST_EXPECT_MSG_EQ(down, 0, "every failure repaired");
        const auto& log = injector->GetLog();
        NS_TEST_ASSERT_MSG_EQ(log.size(), 2 * t.size(), "a failure and a repair each");
        for (size_t i = 0; i < t.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(log[2 * i].at, t[i], "failure " << i);
            NS_TEST_EXPECT_MSG_EQ(log[2 * i + 1].at, t[i] + repair, "repair " << i);
        }
        Simulator::Destroy();
    }
};

/// Random fiber failures under traffic.
class RandomUnderTrafficTestCase : public TestCase
{
  public:
    RandomUnderTrafficTestCase()
        : TestCase("random fiber failures (mean 20 us up, 5 us down) under traffic on 4 "
                   "NICs for 400 us: every failure traced and repaired, bytes balance")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(5);
        RngSeedManager::SetRun(1);
        FabricConfig config;
        config.nodes = 4;
        TestFabric f(config);
        FaultHelper faults;
        faults.AssignStreams(0);
        const double perHour = 3600 / 20e-6;
        const std::vector<Time> drawn = faults.AddRandomFailures(f.devices,
                                                                 FaultComponent::FIBER,
                                                                 perHour,
                                                                 MicroSeconds(5),
                                                                 MicroSeconds(400));
        uint32_t injected = 0;
        uint32_t repaired = 0;
        Config::ConnectWithoutContext(
            "/Names/faults/FaultInjected",
            MakeCallback(+[](uint32_t* n, const std::string&, Time) { ++*n; }).Bind(&injected));
        Config::ConnectWithoutContext(
            "/Names/faults/Repaired",
            MakeCallback(+[](uint32_t* n, const std::string&, Time) { ++*n; }).Bind(&repaired));
        for (uint32_t k = 0; k < 40; ++k)
        {
            for (uint32_t i = 0; i < config.nodes; ++i)
            {
                f.SendAt(MicroSeconds(10 * k + i), i, (i + 1 + k % 3) % config.nodes, 100000);
            }
        }
        Simulator::Run();
        NS_TEST_ASSERT_MSG_GT(drawn.size(), 20, "about 4 x 400 / 25 failures");
        NS_TEST_EXPECT_MSG_EQ(injected, drawn.size(), "FaultInjected per failure");
        NS_TEST_EXPECT_MSG_EQ(repaired, drawn.size(), "Repaired per failure");
        NS_TEST_EXPECT_MSG_GT(f.Received(), 0, "traffic got through between failures");
        NS_TEST_EXPECT_MSG_GT(ByteConservation::Sum(f.devices).GetLostToFaults(),
                              0,
                              "and some was lost to them");
        NS_TEST_EXPECT_MSG_EQ(f.Queued(), 0, "nothing left waiting");
        NS_TEST_EXPECT_MSG_EQ(f.Conserved(), true, "the NICs balance");
        std::string report;
        NS_TEST_EXPECT_MSG_EQ(ByteConservation::CheckNow(report), true, report);
        for (uint32_t i = 0; i < config.nodes; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(f.Dev(i)->IsLinkUp(), true, "NIC " << i << " up at the end");
        }
        Simulator::Destroy();
        Names::Clear();
    }
};

/// Random failures of whole crossbars and of the links between switches, under traffic.
class RandomSwitchingTestCase : public TestCase
{
  public:
    /// @param electrical links of a leaf-spine rather than an optical crossbar
    explicit RandomSwitchingTestCase(bool electrical)
        : TestCase(electrical ? "random failures of the leaf-spine links between switches "
                                "(mean 30 us up, 5 us down) under traffic for 300 us: every "
                                "failure traced and repaired, bytes and credits balance"
                              : "random failures of the whole crossbar (mean 30 us up, 5 us "
                                "down) under traffic for 300 us: every failure repaired, all "
                                "NICs up at the end, bytes balance"),
          m_electrical(electrical)
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(7);
        RngSeedManager::SetRun(1);
        const double perHour = 3600 / 30e-6;
        std::vector<Time> drawn;
        uint64_t lost = 0;
        if (m_electrical)
        {
            PacketFabric f;
            f.nodes.Create(4);
            LeafSpineHelper fabric;
            fabric.SetRadix(4);
            fabric.SetSwitchAttribute("FailureDetectionTime", TimeValue(MicroSeconds(2)));
            f.devices = fabric.Install(f.nodes);
            f.switches = fabric.GetSwitches();
            f.Record();
            std::vector<Ptr<PacketLink>> links;
            for (uint32_t leaf = 0; leaf < 2; ++leaf)
            {
                for (uint32_t up = 2; up < 4; ++up)
                {
                    links.push_back(f.switches.at(leaf)->GetPortLink(up));
                }
            }
            FaultHelper faults;
            faults.AssignStreams(0);
            drawn =
                faults.AddRandomLinkFailures(links, perHour, MicroSeconds(5), MicroSeconds(300));
            for (uint32_t k = 0; k < 30; ++k)
            {
                for (uint32_t i = 0; i < 4; ++i)
                {
                    f.SendAt(MicroSeconds(10 * k), i, (i + 2) % 4, 16 * 4096);
                }
            }
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ(faults.GetInjector()->GetLog().size(),
                                  2 * drawn.size(),
                                  "every failure and its repair");
            NS_TEST_EXPECT_MSG_GT(f.Delivered(), 0, "traffic got through");
            NS_TEST_EXPECT_MSG_EQ(f.CreditsBalance(), true, "every credit returned");
            lost = ByteConservation::Sum(f.devices).GetLostToFaults();
        }
        else
        {
            FabricConfig config;
            config.nodes = 4;
            TestFabric f(config);
            FaultHelper faults;
            faults.AssignStreams(0);
            drawn = faults.AddRandomCrossbarFailures({f.crossbar},
                                                     perHour,
                                                     MicroSeconds(5),
                                                     MicroSeconds(300));
            for (uint32_t k = 0; k < 30; ++k)
            {
                for (uint32_t i = 0; i < 4; ++i)
                {
                    f.SendAt(MicroSeconds(10 * k), i, (i + 2) % 4, 100000);
                }
            }
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ(faults.GetInjector()->GetLog().size(),
                                  2 * drawn.size(),
                                  "every failure and its repair");
            NS_TEST_EXPECT_MSG_GT(f.Received(), 0, "traffic got through");
            NS_TEST_EXPECT_MSG_EQ(f.Queued(), 0, "nothing left waiting");
            for (uint32_t i = 0; i < config.nodes; ++i)
            {
                NS_TEST_EXPECT_MSG_EQ(f.Dev(i)->IsLinkUp(), true, "NIC " << i << " up");
            }
            lost = ByteConservation::Sum(f.devices).GetLostToFaults();
        }
        NS_TEST_EXPECT_MSG_GT(drawn.size(), 3, "about 300 / 35 failures per part");
        NS_TEST_EXPECT_MSG_GT(lost, 0, "some bytes lost to them");
        std::string report;
        NS_TEST_EXPECT_MSG_EQ(ByteConservation::CheckNow(report), true, report);
        Simulator::Destroy();
        Names::Clear();
    }

    bool m_electrical; //!< leaf-spine links, not a crossbar
};

/// @return a 3-NIC optical fabric and a fault helper, for the bad-input cases
std::pair<std::shared_ptr<TestFabric>, std::shared_ptr<FaultHelper>>
Fabric()
{
    FabricConfig config;
    config.nodes = 3;
    return {std::make_shared<TestFabric>(config), std::make_shared<FaultHelper>()};
}

/// The suite.
class FaultRandomTestSuite : public TestSuite
{
  public:
    FaultRandomTestSuite()
        : TestSuite("scale-across-fault-random", TestSuite::Type::UNIT)
    {
        AddTestCase(new ReproducibleTestCase());
        AddTestCase(new MeanTestCase());
        AddTestCase(new RandomUnderTrafficTestCase());
        AddTestCase(new RandomSwitchingTestCase(false));
        AddTestCase(new RandomSwitchingTestCase(true));

        const std::vector<std::tuple<std::string, std::function<void()>, std::vector<std::string>>>
            bad{
                {"a crossbar port without a NIC",
                 []() {
                     auto [f, h] = Fabric();
                     h->FailCrossbarPort(f->crossbar, 7, Seconds(0));
                 },
                 {"FailCrossbarPort", "port = 7", "does not exist", "with a NIC"}},
                {"a device that does not exist",
                 []() {
                     auto [f, h] = Fabric();
                     h->FailTransceiver(nullptr, Seconds(0));
                 },
                 {"FailTransceiver", "does not exist", "OpticalNetDevice"}},
                {"a repair before the failure",
                 []() {
                     auto [f, h] = Fabric();
                     h->FailFiber(f->Dev(1), MicroSeconds(10), MicroSeconds(5));
                 },
                 {"repair time +5", "is invalid", "after its failure"}},
                {"a negative failure rate",
                 []() {
                     auto [f, h] = Fabric();
                     h->AddRandomFailures(f->devices,
                                          FaultComponent::FIBER,
                                          -1,
                                          Seconds(1),
                                          Seconds(10));
                 },
                 {"failure rate = -1", "is invalid", "> 0"}},
                {"a negative degradation rate",
                 []() {
                     auto [f, h] = Fabric();
                     h->DegradeFiber(f->Dev(1), Seconds(0), -2);
                 },
                 {"DegradeFiber", "rate = -2", "is invalid", "> 0"}},
                {"a negative FailureDetectionTime",
                 []() {
                     CreateObject<PacketSwitch>()->SetAttribute("FailureDetectionTime",
                                                                TimeValue(NanoSeconds(-1)));
                 },
                 {"FailureDetectionTime = -1", "is invalid", "0 or more"}},
            };
        for (const auto& [what, fn, words] : bad)
        {
            AddTestCase(new FatalTestCase("bad input: " + what, fn, words));
        }
    }
};

/// Static instance registering the suite.
FaultRandomTestSuite g_faultRandomTestSuite;

} // namespace
