/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_TRAINING_TEST_FIXTURE_H
#define SCALE_ACROSS_TRAINING_TEST_FIXTURE_H

#include "ns3/nstime.h"

#include <functional>
#include <string>
#include <vector>

/**
 * @file
 * Shared by the training suites: a data-parallel job of ring all-reduces on a single-crossbar
 * optical fabric of one wavelength per NIC (static ring circuits, or the ideal fabric), and
 * what it measured.
 */

namespace ns3
{
namespace scale_across_test
{

/// A training job to run.
struct TrainingRunConfig
{
    uint32_t ranks{8};                      //!< ranks = endpoints
    bool idealFabric{false};                //!< ideal fabric instead of static ring circuits
    uint32_t iterations{3};                 //!< Iterations
    uint32_t layers{4};                     //!< NumLayers
    uint64_t layerBytes{800000};            //!< LayerBytes
    uint64_t bucketBytes{1200000};          //!< BucketBytes
    Time forward{MicroSeconds(10)};         //!< ForwardTime per layer
    Time backward{MicroSeconds(20)};        //!< BackwardTime per layer
    Time optimizer{MicroSeconds(5)};        //!< OptimizerTime
    double jitterSigma{0};                  //!< JitterSigma
    double stragglerFraction{0};            //!< StragglerFraction
    double stragglerSlowdown{1};            //!< StragglerSlowdown
    double failSlowRate{0};                 //!< FailSlowRate, per rank-hour
    Time failSlowDuration{MilliSeconds(1)}; //!< FailSlowDuration
    double failSlowSlowdown{2};             //!< FailSlowSlowdown
    std::string outputFile;                 //!< OutputFile (empty: none)
    /// If set, called once the fabric and the job are built, before Simulator::Run (e.g. to
    /// connect trace sinks by Config path)
    std::function<void()> beforeRun;
};

/// What a job measured (the suites keep every step; the job itself keeps only statistics).
struct TrainingRunOutcome
{
    std::vector<Time> steps;    //!< step time of each iteration (Step trace)
    std::vector<Time> exposed;  //!< exposed communication of each iteration
    std::vector<Time> rankEnds; //!< every rank's end of every iteration, in trace order
    Time completion;            //!< GetCompletionTime
    bool complete{false};       //!< IsComplete
    double meanStep{0};         //!< GetStepTimes().GetMean(), s
    double maxStep{0};          //!< GetStepTimes().GetMax(), s
    double p50Step{0};          //!< GetStepTimes().GetP50(), s
    uint32_t stragglers{0};     //!< stragglers chosen
    uint32_t collectives{0};    //!< all-reduces the communicator finished
    uint64_t frames{0};         //!< frames FabricLatencyMonitor saw delivered
    double latencyMin{0};       //!< their smallest latency, s
    double latencyMax{0};       //!< their largest latency, s
};

/// @param c the job @return what it measured (the simulator is destroyed afterwards)
TrainingRunOutcome RunTraining(const TrainingRunConfig& c);

/// Lane payload rate of one wavelength, bytes per second (1.6 Tb/s).
constexpr double LANE_BYTES_PER_SECOND = 1.6e12 / 8;

/**
 * @brief Per-rank ends of a ring all-reduce (one channel, no pipelining, unlimited credits)
 * whose rank i issues it at starts[i]: the max-plus recurrence of its dependencies (as in
 * scale-across-collective-concurrency). Rank i's send of step k leaves once rank i has
 * issued, has received step k - 1 from rank i - 1, and its lane has serialized its step
 * k - 1; it arrives ser + alpha later. A rank ends when its last send has left and its last
 * message has arrived.
 * @param starts issue time of each rank, seconds
 * @param blockBytes bytes of each message (n / p)
 * @param alpha fixed latency and propagation, seconds
 * @return each rank's end, seconds
 */
std::vector<double> RingEnds(const std::vector<double>& starts, double blockBytes, double alpha);

} // namespace scale_across_test
} // namespace ns3

#endif /* SCALE_ACROSS_TRAINING_TEST_FIXTURE_H */
