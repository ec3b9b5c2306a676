/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-training-variability: the compute variability of a training job. Jitter is
 * log-normal of mean 1 and the given sigma; round(f x N) stragglers are chosen, each slowed by
 * exactly s; a rank spends D / (D + 1/rate) of its time in fail-slow episodes; the same seed
 * gives the same CSV of per-rank iterations, another run a different one; no variability
 * gives factors of exactly 1.
 */

#include "../training-test-fixture.h"

#include "ns3/double.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/training-variability.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <tuple>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// Jitter: mean 1, log with mean -sigma^2/2 and std sigma.
class JitterTestCase : public TestCase
{
  public:
    JitterTestCase()
        : TestCase("jitter is log-normal with mean 1: log-mean minus sigma^2 over 2, log-std sigma")
    {
    }

  private:
    void DoRun() override
    {
        const double sigma = 0.2;
        const uint32_t ranks = 100;
        const uint32_t draws = 200; // per rank
        Ptr<TrainingVariability> v = CreateObject<TrainingVariability>();
        v->SetAttribute("JitterSigma", DoubleValue(sigma));
        v->AssignStreams(0);
        v->Setup(ranks);
        double sum = 0;
        double logSum = 0;
        double logSquares = 0;
        const double n = ranks * draws;
        for (uint32_t k = 0; k < draws; ++k)
        {
            for (uint32_t r = 0; r < ranks; ++r)
            {
                const double f = v->GetIterationFactor(r);
                sum += f;
                logSum += std::log(f);
                logSquares += std::log(f) * std::log(f);
            }
        }
        const double logMean = logSum / n;
        const double logStd = std::sqrt(logSquares / n - logMean * logMean);
        // Four standard errors: sigma / sqrt(n) for the means, sigma / sqrt(2n) for the std.
        NS_TEST_EXPECT_MSG_EQ_TOL(logMean, -sigma * sigma / 2, 4 * sigma / std::sqrt(n), "mu");
        NS_TEST_EXPECT_MSG_EQ_TOL(logStd, sigma, 4 * sigma / std::sqrt(2 * n), "sigma");
        const double sd = std::sqrt(std::exp(sigma * sigma) - 1); // of the factor, mean 1
        NS_TEST_EXPECT_MSG_EQ_TOL(sum / n, 1.0, 4 * sd / std::sqrt(n), "mean factor 1");
    }
};

/// Stragglers: round(f N) of them, each exactly s; the others exactly 1.
class StragglerChoiceTestCase : public TestCase
{
  public:
    StragglerChoiceTestCase()
        : TestCase("round(fraction x ranks) stragglers, each x slowdown exactly; no "
                   "variability: factors of exactly 1")
    {
    }

  private:
    void DoRun() override
    {
        for (const auto& [fraction, ranks, expected] :
             {std::tuple<double, uint32_t, uint32_t>{0.25, 100, 25},
              {0.1, 64, 6},
              {1.0 / 8, 8, 1},
              {1, 5, 5}})
        {
            Ptr<TrainingVariability> v = CreateObject<TrainingVariability>();
            v->SetAttribute("StragglerFraction", DoubleValue(fraction));
            v->SetAttribute("StragglerSlowdown", DoubleValue(1.75));
            v->AssignStreams(3);
            v->Setup(ranks);
            uint32_t slow = 0;
            for (uint32_t r = 0; r < ranks; ++r)
            {
                const double f = v->GetIterationFactor(r);
                NS_TEST_EXPECT_MSG_EQ((f == 1.75 || f == 1.0), true, "factor " << f);
                slow += f == 1.75 ? 1 : 0;
                NS_TEST_EXPECT_MSG_EQ(v->IsStraggler(r), (f == 1.75), "IsStraggler agrees");
            }
            NS_TEST_EXPECT_MSG_EQ(slow, expected, fraction << " of " << ranks);
            NS_TEST_EXPECT_MSG_EQ(v->GetNStragglers(), expected, "GetNStragglers");
        }
        Ptr<TrainingVariability> none = CreateObject<TrainingVariability>();
        none->Setup(16);
        for (uint32_t r = 0; r < 16; ++r)
        {
            NS_TEST_EXPECT_MSG_EQ(none->GetIterationFactor(r), 1.0, "no jitter, no straggler");
            NS_TEST_EXPECT_MSG_EQ(none->GetFailSlowFactor(r, Hours(1000)), 1.0, "no episode");
        }
    }
};

/// Fail-slow: the share of time in episodes is D / (D + 1 / rate).
class FailSlowTestCase : public TestCase
{
  public:
    FailSlowTestCase()
        : TestCase("fail-slow episodes: a rank is slowed D over (D + 1 over rate) of the time")
    {
    }

  private:
    void DoRun() override
    {
        // Rate 1 per second, mean 3 s: slowed 3 / 4 of the time.
        const uint32_t ranks = 50;
        Ptr<TrainingVariability> v = CreateObject<TrainingVariability>();
        v->SetAttribute("FailSlowRate", DoubleValue(3600));
        v->SetAttribute("FailSlowDuration", TimeValue(Seconds(3)));
        v->SetAttribute("FailSlowSlowdown", DoubleValue(1.5));
        v->AssignStreams(10);
        v->Setup(ranks);
        uint64_t slowed = 0;
        uint64_t samples = 0;
        for (uint32_t r = 0; r < ranks; ++r)
        {
            for (uint32_t k = 0; k < 20000; ++k)
            {
                const double f = v->GetFailSlowFactor(r, MilliSeconds(100) * k);
                NS_TEST_ASSERT_MSG_EQ((f == 1.5 || f == 1.0), true, "factor " << f);
                slowed += f == 1.5 ? 1 : 0;
                ++samples;
            }
        }
        // 50 ranks x 2000 s = 25,000 cycles of 4 s: the share's standard error is about 0.3 %.
        NS_TEST_EXPECT_MSG_EQ_TOL(static_cast<double>(slowed) / samples,
                                  0.75,
                                  0.015,
                                  "share of time slowed");
    }
};

/// @param path a file @return its contents
std::string
Slurp(const std::string& path)
{
    std::ifstream in(path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Same seed, same CSV; another run, another CSV.
class DeterminismTestCase : public TestCase
{
  public:
    DeterminismTestCase()
        : TestCase("same seed and run: the same CSV of per-rank iterations; another run: a "
                   "different one")
    {
    }

  private:
    void DoRun() override
    {
        TrainingRunConfig c;
        c.ranks = 6;
        c.layerBytes = 6 * 4 * 10000;
        c.iterations = 5;
        c.jitterSigma = 0.1;
        c.stragglerFraction = 1.0 / 3;
        c.stragglerSlowdown = 1.2;
        c.failSlowRate = 3.6e6; // an episode per ms and rank, of 1 ms on average
        c.failSlowDuration = MilliSeconds(1);
        std::vector<std::string> csv;
        for (uint32_t run : {1u, 1u, 2u})
        {
            RngSeedManager::SetRun(run);
            c.outputFile = CreateTempDirFilename("training-" + std::to_string(csv.size()) + ".csv");
            const TrainingRunOutcome out = RunTraining(c);
            NS_TEST_ASSERT_MSG_EQ(out.complete, true, "the job ends");
            csv.push_back(Slurp(c.outputFile));
            std::remove(c.outputFile.c_str());
        }
        RngSeedManager::SetRun(1);
        const auto lines = std::count(csv[0].begin(), csv[0].end(), '\n');
        NS_TEST_EXPECT_MSG_EQ(lines, 1 + c.ranks * c.iterations, "a header, then rank x iteration");
        NS_TEST_EXPECT_MSG_EQ(csv[0], csv[1], "same seed, same run: the same CSV");
        NS_TEST_EXPECT_MSG_NE(csv[0], csv[2], "another run: another CSV");
    }
};

/// The suite.
class TrainingVariabilityTestSuite : public TestSuite
{
  public:
    TrainingVariabilityTestSuite()
        : TestSuite("scale-across-training-variability", TestSuite::Type::UNIT)
    {
        AddTestCase(new JitterTestCase());
        AddTestCase(new StragglerChoiceTestCase());
        AddTestCase(new FailSlowTestCase());
        AddTestCase(new DeterminismTestCase());
    }
};

/// Static instance registering the suite.
TrainingVariabilityTestSuite g_trainingVariabilityTestSuite;

} // namespace
