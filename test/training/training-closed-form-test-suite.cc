/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-training-closed-form: a data-parallel job without variability takes, every
 * step, forward + backward + the exposed all-reduces of its last buckets + optimizer, from
 * the ring's closed form K (t + alpha) (static and ideal fabrics; hidden and queued buckets;
 * compute from FLOPs); one straggler of factor s delays every step by what the ring's
 * dependency recurrence predicts; bad attributes are refused with one message.
 */

#include "../collective-test-fixture.h"
#include "../scale-across-test-fixture.h"
#include "../training-test-fixture.h"

#include "ns3/collective-helper.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/node-container.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/training-job-helper.h"
#include "ns3/training-job.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// @param c a job @return its buckets by PyTorch DDP's rule: (bytes, layers done when closed)
std::vector<std::pair<uint64_t, uint32_t>>
DdpBuckets(const TrainingRunConfig& c)
{
    std::vector<std::pair<uint64_t, uint32_t>> buckets;
    uint64_t open = 0;
    for (uint32_t b = 1; b <= c.layers; ++b)
    {
        open += c.layerBytes;
        if (open >= c.bucketBytes || b == c.layers)
        {
            buckets.emplace_back(open, b);
            open = 0;
        }
    }
    return buckets;
}

/// @param c a job @param bytes an all-reduce's size @return the ring's K (t + alpha), s
double
RingAllReduce(const TrainingRunConfig& c, uint64_t bytes)
{
    const double t = (static_cast<double>(bytes) / c.ranks + FRAMING) / LANE_BYTES_PER_SECOND;
    return 2.0 * (c.ranks - 1) * (t + DefaultAlpha().GetSeconds());
}

/**
 * @brief The step without variability: bucket k's all-reduce starts at max(its fill time,
 * the end of bucket k - 1's) and takes the ring's closed form; the optimizer follows the
 * last one.
 * @param c the job
 * @return the step time, s
 */
double
StepClosedForm(const TrainingRunConfig& c)
{
    const double forward = c.layers * c.forward.GetSeconds();
    double end = 0;
    for (const auto& [bytes, layersDone] : DdpBuckets(c))
    {
        const double filled = forward + layersDone * c.backward.GetSeconds();
        end = std::max(filled, end) + RingAllReduce(c, bytes);
    }
    return end + c.optimizer.GetSeconds();
}

/// A job without variability: every step, the exposed communication and the JCT.
class NoVariabilityTestCase : public TestCase
{
  public:
    /**
     * @param name what is checked
     * @param c the job
     * @param setAfterInstall install the job with other NumLayers, LayerBytes, BucketBytes
     * and OutputFile, and set c's through the job's Config path between Install and
     * Simulator::Run (the job takes them at its start, as ns-3's applications do)
     */
    NoVariabilityTestCase(std::string name, TrainingRunConfig c, bool setAfterInstall = false)
        : TestCase(std::move(name)),
          m_c(std::move(c)),
          m_setAfterInstall(setAfterInstall)
    {
    }

  private:
    void DoRun() override
    {
        TrainingRunConfig run = m_c;
        if (m_setAfterInstall)
        {
            m_c.outputFile = CreateTempDirFilename("training-set-after-install.csv");
            run.layers = 1;
            run.layerBytes = 4;
            run.bucketBytes = 4;
            run.outputFile = "";
            run.beforeRun = [c = m_c]() {
                const std::string job =
                    "/NodeList/*/ApplicationList/*/$ns3::TrainingJobApplication/Job/";
                Config::Set(job + "NumLayers", UintegerValue(c.layers));
                Config::Set(job + "LayerBytes", UintegerValue(c.layerBytes));
                Config::Set(job + "BucketBytes", UintegerValue(c.bucketBytes));
                Config::Set(job + "OutputFile", StringValue(c.outputFile));
            };
        }
        const TrainingRunOutcome out = RunTraining(run);
        if (!m_c.outputFile.empty())
        {
            // One line per rank and iteration after the header, in the file set last.
            std::ifstream csv(m_c.outputFile);
            uint32_t lines = 0;
            for (std::string line; std::getline(csv, line);)
            {
                ++lines;
            }
            NS_TEST_EXPECT_MSG_EQ(lines, 1 + m_c.ranks * m_c.iterations, "OutputFile's lines");
            std::remove(m_c.outputFile.c_str());
        }
        const auto buckets = DdpBuckets(m_c);
        NS_TEST_ASSERT_MSG_EQ(out.complete, true, "the job ends");
        NS_TEST_ASSERT_MSG_EQ(out.steps.size(), m_c.iterations, "one step per iteration");
        NS_TEST_EXPECT_MSG_EQ(out.collectives,
                              m_c.iterations * buckets.size(),
                              "one all-reduce per bucket and iteration (DDP's buckets)");
        const double step = StepClosedForm(m_c);
        const double compute =
            m_c.layers * (m_c.forward + m_c.backward).GetSeconds() + m_c.optimizer.GetSeconds();
        // The simulator rounds each message's times to 1 ns: once per ring step.
        const double tol = buckets.size() * 2 * (m_c.ranks - 1) * 1e-9;
        for (uint32_t i = 0; i < m_c.iterations; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ_TOL(out.steps[i].GetSeconds(),
                                      step,
                                      tol,
                                      "step " << i << " vs the closed form");
            NS_TEST_EXPECT_MSG_EQ_TOL(out.exposed[i].GetSeconds(),
                                      step - compute,
                                      tol,
                                      "exposed communication of step " << i);
        }
        NS_TEST_EXPECT_MSG_EQ_TOL(out.completion.GetSeconds(),
                                  m_c.iterations * step,
                                  m_c.iterations * tol,
                                  "job completion time = K steps");
        // The fabric's latency per frame: one ring message per frame, never queued behind
        // another (a rank sends step k + 1 only after step k's message arrived), so
        // FabricLatencyMonitor sees t + alpha for every frame of a bucket size.
        NS_TEST_EXPECT_MSG_EQ(out.frames,
                              uint64_t{m_c.iterations} * buckets.size() * 2 * (m_c.ranks - 1) *
                                  m_c.ranks,
                              "frames delivered: 2 (p - 1) per rank and all-reduce");
        double fastest = 1e9;
        double slowest = 0;
        for (const auto& [bytes, layers] : buckets)
        {
            const double frame = RingAllReduce(m_c, bytes) / (2.0 * (m_c.ranks - 1)); // t + alpha
            fastest = std::min(fastest, frame);
            slowest = std::max(slowest, frame);
        }
        NS_TEST_EXPECT_MSG_EQ_TOL(out.latencyMin, fastest, 1e-9, "smallest frame latency");
        NS_TEST_EXPECT_MSG_EQ_TOL(out.latencyMax, slowest, 1e-9, "largest frame latency");
        NS_TEST_EXPECT_MSG_EQ_TOL(out.meanStep, step, tol, "mean step");
        NS_TEST_EXPECT_MSG_EQ_TOL(out.p50Step, step, tol, "p50 step");
    }

    TrainingRunConfig m_c;  //!< the job
    bool m_setAfterInstall; //!< set its attributes between Install and Run
};

/// One straggler of factor s: every step follows the recurrence, and is later than without.
class StragglerTestCase : public TestCase
{
  public:
    /// @param ranks ranks @param slowdown the straggler's factor
    StragglerTestCase(uint32_t ranks, double slowdown)
        : TestCase("one straggler of x" + std::to_string(slowdown).substr(0, 4) + " on " +
                   std::to_string(ranks) + " ranks: every step as the ring's recurrence says"),
          m_ranks(ranks),
          m_slowdown(slowdown)
    {
    }

  private:
    void DoRun() override
    {
        TrainingRunConfig c;
        c.ranks = m_ranks;
        c.iterations = 4;
        c.bucketBytes = c.layers * c.layerBytes; // one bucket, at the end of the backward pass
        const TrainingRunOutcome base = RunTraining(c);
        c.stragglerFraction = 1.0 / m_ranks;
        c.stragglerSlowdown = m_slowdown;
        const TrainingRunOutcome out = RunTraining(c);
        NS_TEST_ASSERT_MSG_EQ(out.stragglers, 1, "round(1/p x p) = 1 straggler");
        NS_TEST_ASSERT_MSG_EQ(out.steps.size(), c.iterations, "one step per iteration");

        // The recurrence: rank 0 the straggler (the ring is the same from every rank).
        const double compute = c.layers * (c.forward + c.backward).GetSeconds();
        const double block = static_cast<double>(c.layers * c.layerBytes) / m_ranks;
        std::vector<double> start(m_ranks, 0);
        double previous = 0;
        for (uint32_t i = 0; i < c.iterations; ++i)
        {
            std::vector<double> issue(m_ranks);
            for (uint32_t r = 0; r < m_ranks; ++r)
            {
                issue[r] = start[r] + (r == 0 ? m_slowdown : 1.0) * compute;
            }
            const std::vector<double> ends = RingEnds(issue, block, DefaultAlpha().GetSeconds());
            for (uint32_t r = 0; r < m_ranks; ++r)
            {
                start[r] = ends[r] + (r == 0 ? m_slowdown : 1.0) * c.optimizer.GetSeconds();
            }
            const double last = *std::max_element(start.begin(), start.end());
            const double tol = (i + 1) * 2 * (m_ranks - 1) * 1e-9;
            NS_TEST_EXPECT_MSG_EQ_TOL(out.steps[i].GetSeconds(),
                                      last - previous,
                                      tol,
                                      "step " << i << " vs the recurrence");
            // The delay: the straggler's extra compute, less what the other ranks' part of
            // the ring got done before it joined (at most one all-reduce's time T).
            const double delay = out.steps[i].GetSeconds() - base.steps[i].GetSeconds();
            const double extra = (m_slowdown - 1) * (compute + c.optimizer.GetSeconds());
            const double ring =
                2.0 * (m_ranks - 1) *
                ((block + FRAMING) / LANE_BYTES_PER_SECOND + DefaultAlpha().GetSeconds());
            NS_TEST_EXPECT_MSG_LT_OR_EQ(delay, extra + 2 * tol, "step " << i << ": delay");
            NS_TEST_EXPECT_MSG_GT_OR_EQ(delay, extra - ring - 2 * tol, "step " << i << ": delay");
            previous = last;
        }
    }

    uint32_t m_ranks;  //!< ranks
    double m_slowdown; //!< the straggler's factor
};

/// Compute from FLOPs: forward F over R per layer, backward twice that.
class FlopsTestCase : public TestCase
{
  public:
    FlopsTestCase()
        : TestCase("compute from LayerForwardFlops and AchievedTflops: F over R forward, 2F "
                   "over R backward per layer")
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(1);
        Ptr<TrainingJob> job = CreateObject<TrainingJob>();
        job->SetAttribute("NumLayers", UintegerValue(24));
        job->SetAttribute("LayerForwardFlops", DoubleValue(8.246e11));
        job->SetAttribute("AchievedTflops", DoubleValue(400));
        job->SetAttribute("OptimizerTime", TimeValue(MilliSeconds(6)));
        const double f = 8.246e11 / 400e12;
        NS_TEST_EXPECT_MSG_EQ_TOL(job->GetForwardTime().GetSeconds(), 24 * f, 1e-9, "forward");
        NS_TEST_EXPECT_MSG_EQ_TOL(job->GetLayerBackwardTime().GetSeconds(),
                                  2 * f,
                                  1e-9,
                                  "backward per layer");
        NS_TEST_EXPECT_MSG_EQ_TOL(job->GetComputeTime().GetSeconds(),
                                  72 * f + 6e-3,
                                  1e-8,
                                  "compute per step");
        NS_TEST_EXPECT_MSG_EQ_TOL(
            TrainingJob::ScalingEfficiency(MilliSeconds(150), MilliSeconds(160)),
            150.0 / 160.0,
            1e-12,
            "weak-scaling efficiency = step(1) / step(N)");
        Simulator::Destroy();
    }
};

/// The suite.
class TrainingClosedFormTestSuite : public TestSuite
{
  public:
    TrainingClosedFormTestSuite()
        : TestSuite("scale-across-training-closed-form", TestSuite::Type::UNIT)
    {
        {
            TrainingRunConfig c; // 2 buckets of 1.6 MB; the first hidden by 40 us of backward
            AddTestCase(new NoVariabilityTestCase(
                "static ring, 8 ranks: F + B + the last bucket's all-reduce + O",
                c));
            c.idealFabric = true;
            AddTestCase(new NoVariabilityTestCase(
                "ideal fabric, 8 ranks: F + B + the last bucket's all-reduce + O",
                c));
        }
        {
            TrainingRunConfig c; // 4 buckets filled 1 us apart: they queue on the stream
            c.ranks = 5;
            c.layerBytes = 5 * 4 * 30000;
            c.bucketBytes = c.layerBytes;
            c.backward = MicroSeconds(1);
            c.iterations = 2;
            AddTestCase(new NoVariabilityTestCase(
                "static ring, 5 ranks, communication-bound: the buckets' all-reduces run one "
                "after another",
                c));
        }
        {
            TrainingRunConfig c; // DDP's rule: 3 layers of 0.8 MB under a 2 MB cap: 2.4 + 0.8
            c.layers = 4;
            c.bucketBytes = 2000000;
            c.iterations = 2;
            AddTestCase(new NoVariabilityTestCase(
                "buckets as DDP fills them (whole layers, closed at the cap), 8 ranks",
                c));
            AddTestCase(new NoVariabilityTestCase(
                "the same job with its layers, buckets and OutputFile set between Install and Run",
                c,
                true));
        }
        AddTestCase(new StragglerTestCase(8, 1.5));
        AddTestCase(new StragglerTestCase(4, 3.0));
        AddTestCase(new FlopsTestCase());
        AddTestCase(new FatalTestCase("LayerBytes not a multiple of 4 is refused",
                                      [] {
                                          TrainingRunConfig c;
                                          c.layerBytes = 1001;
                                          RunTraining(c);
                                      },
                                      {"LayerBytes", "1001", "multiple of 4"}));
    }
};

/// Static instance registering the suite.
TrainingClosedFormTestSuite g_trainingClosedFormTestSuite;

} // namespace
