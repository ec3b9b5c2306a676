/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "training-job.h"

#include "training-job-application.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <iomanip>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TrainingJob");
NS_OBJECT_ENSURE_REGISTERED(TrainingJob);

TypeId
TrainingJob::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TrainingJob")
            .SetParent<Object>()
            .SetGroupName("ScaleAcross")
            .AddConstructor<TrainingJob>()
            .AddAttribute("Iterations",
                          "Training iterations (steps) each rank runs, 1 ... 10^9.",
                          UintegerValue(10),
                          MakeUintegerAccessor(&TrainingJob::m_iterations),
                          MakeUintegerChecker<uint32_t>(1, 1000000000))
            .AddAttribute("NumLayers",
                          "Layers of the model, 1 ... 100000; default 24, GPT-3 XL (1.3B "
                          "parameters; Brown et al. 2020, table 2.1).",
                          UintegerValue(24),
                          MakeUintegerAccessor(&TrainingJob::m_nLayers),
                          MakeUintegerChecker<uint32_t>(1, 100000))
            .AddAttribute("LayerBytes",
                          "Gradient bytes of one layer, a positive multiple of 4 (whole "
                          "floats); default 100663296: 12 d^2 parameters of a transformer "
                          "layer with d = 2048 (GPT-3 XL), 2-byte (bf16) gradients.",
                          UintegerValue(100663296),
                          MakeUintegerAccessor(&TrainingJob::m_layerBytes),
                          MakeUintegerChecker<uint64_t>(4))
            .AddAttribute("ForwardTime",
                          "Forward compute of one layer on one rank, >= 0 (used when "
                          "LayerForwardFlops is 0); default 2 ms: a GPT-3 XL layer on 8192 "
                          "tokens (2 x 12 d^2 x 8192 = 8.2e11 FLOPs) at about 400 TFLOP/s.",
                          TimeValue(MilliSeconds(2)),
                          MakeTimeAccessor(&TrainingJob::m_forwardTime),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("BackwardTime",
                          "Backward compute of one layer on one rank, >= 0 (used when "
                          "LayerForwardFlops is 0); default 4 ms: twice the forward, as the "
                          "backward pass computes the gradients of both activations and "
                          "weights.",
                          TimeValue(MilliSeconds(4)),
                          MakeTimeAccessor(&TrainingJob::m_backwardTime),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("LayerForwardFlops",
                          "Forward FLOPs of one layer on one rank, >= 0; if > 0, the forward "
                          "takes LayerForwardFlops / AchievedTflops and the backward twice "
                          "that, instead of ForwardTime and BackwardTime; default 0.",
                          DoubleValue(0),
                          MakeDoubleAccessor(&TrainingJob::m_layerFlops),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("AchievedTflops",
                          "Achieved compute rate, TFLOP/s, > 0, with LayerForwardFlops; "
                          "default 400, about 40 % of an H100's dense bf16 peak.",
                          DoubleValue(400),
                          MakeDoubleAccessor(&TrainingJob::m_achievedTflops),
                          MakeDoubleChecker<double>(1e-6))
            .AddAttribute("OptimizerTime",
                          "Optimizer step on one rank after its last all-reduce, >= 0; default "
                          "6 ms: Adam reads and writes about 16 bytes per parameter, 1.2e9 "
                          "parameters at 3.35 TB/s (H100 HBM3).",
                          TimeValue(MilliSeconds(6)),
                          MakeTimeAccessor(&TrainingJob::m_optimizerTime),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("BucketBytes",
                          "Gradient bucket size, bytes, >= 4: a bucket's all-reduce starts "
                          "once it holds this much; default 26214400 (25 MiB), PyTorch DDP's "
                          "bucket_cap_mb.",
                          UintegerValue(25 * 1024 * 1024),
                          MakeUintegerAccessor(&TrainingJob::m_bucketBytes),
                          MakeUintegerChecker<uint64_t>(4))
            .AddAttribute("OutputFile",
                          "CSV of every rank's iterations (iteration, rank, start, end, "
                          "compute, factor), written as they end; empty (default): none.",
                          StringValue(""),
                          MakeStringAccessor(&TrainingJob::m_outputFile),
                          MakeStringChecker())
            .AddAttribute("Variability",
                          "The compute variability model (jitter, stragglers, fail-slow); "
                          "default: none given, and Setup creates a TrainingVariability with "
                          "its defaults (no variability).",
                          PointerValue(),
                          MakePointerAccessor(&TrainingJob::m_variability),
                          MakePointerChecker<TrainingVariability>())
            .AddAttribute("CheckpointInterval",
                          "Steps between two checkpoints, 1 ... 10^9: a checkpoint follows "
                          "every CheckpointInterval-th step but the last; default 100.",
                          UintegerValue(100),
                          MakeUintegerAccessor(&TrainingJob::m_checkpointInterval),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("CheckpointTime",
                          "Time to write one checkpoint, every rank at once after the step, "
                          ">= 0; default 0, so that a job without failures keeps its times "
                          "(set it from the checkpoint's bytes over the storage's bandwidth).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&TrainingJob::m_checkpointTime),
                          MakeTimeChecker())
            .AddAttribute("RestartTime",
                          "Time from a failure to the ranks' resumption from the last "
                          "checkpoint (rescheduling, initialization, loading), >= 0; default 0 "
                          "(no public figure fits every job: set the measured one).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&TrainingJob::m_restartTime),
                          MakeTimeChecker())
            .AddAttribute("FailureRate",
                          "Failures of the job per hour of wall time, a Poisson process (ns-3 "
                          "ExponentialRandomVariable, seeded), 0 ... 3.6e9; default 0 (none). "
                          "Llama 3 405B saw 419 unexpected interruptions in 54 days on 16,384 "
                          "GPUs: about 0.32 per hour.",
                          DoubleValue(0),
                          MakeDoubleAccessor(&TrainingJob::m_failureRate),
                          MakeDoubleChecker<double>())
            .AddAttribute("MaxRestarts",
                          "Restarts after which the job gives up (IsAborted), 0 ... 2^32 - 1; "
                          "default 1000. Bounds a job whose fabric stays broken.",
                          UintegerValue(1000),
                          MakeUintegerAccessor(&TrainingJob::m_maxRestarts),
                          MakeUintegerChecker<uint32_t>())
            .AddTraceSource("Failure",
                            "The job failed: the work thrown away and the iteration it "
                            "resumes from.",
                            MakeTraceSourceAccessor(&TrainingJob::m_failureTrace),
                            "ns3::TrainingJob::FailureTracedCallback")
            .AddTraceSource("RankIteration",
                            "A rank ended an iteration.",
                            MakeTraceSourceAccessor(&TrainingJob::m_rankIterationTrace),
                            "ns3::TrainingJob::RankIterationTracedCallback")
            .AddTraceSource("Step",
                            "Every rank ended an iteration: its step time and exposed "
                            "communication.",
                            MakeTraceSourceAccessor(&TrainingJob::m_stepTrace),
                            "ns3::TrainingJob::StepTracedCallback")
            .AddTraceSource("JobComplete",
                            "Every rank ended every iteration: the job completion time.",
                            MakeTraceSourceAccessor(&TrainingJob::m_completeTrace),
                            "ns3::TrainingJob::CompleteTracedCallback");
    return tid;
}

TrainingJob::TrainingJob()
    : m_iterations(10),
      m_nLayers(24),
      m_layerBytes(100663296),
      m_layerFlops(0),
      m_achievedTflops(400),
      m_bucketBytes(25 * 1024 * 1024),
      m_start(Time::Max()),
      m_stepsDone(0),
      m_started(false),
      m_checkpointInterval(100),
      m_failureRate(0),
      m_maxRestarts(1000),
      m_failing(false),
      m_aborted(false)
{
    NS_LOG_FUNCTION(this);
}

TrainingJob::~TrainingJob()
{
    NS_LOG_FUNCTION(this);
}

void
TrainingJob::DoDispose()
{
    m_variability = nullptr;
    m_comm = nullptr;
    m_apps.clear();
    m_csv.reset();
    m_failureProcess.Stop();
    Drop(m_restartEvent);
    Drop(m_checkpointEvent);
    Object::DoDispose();
}

void
TrainingJob::Setup(Ptr<CollectiveCommunicator> comm,
                   const std::vector<Ptr<TrainingJobApplication>>& apps)
{
    NS_LOG_FUNCTION(this << comm << apps.size());
    if (m_variability == nullptr)
    {
        // The attribute's initial value is null (a default object would be shared by every
        // job): one with its defaults has no variability.
        m_variability = CreateObject<TrainingVariability>();
    }
    if (comm == nullptr || apps.size() != comm->GetNRanks())
    {
        NS_FATAL_ERROR("ns3::TrainingJob: " << apps.size() << " applications for "
                                            << (comm ? comm->GetNRanks() : 0)
                                            << " ranks: give one application per rank");
    }
    CheckAttributes(); // early, at Install; Start checks again what it takes
    m_comm = comm;
    m_apps = apps;
    PlanBuckets();
    m_comm->TraceConnectWithoutContext("RankComplete",
                                       MakeCallback(&TrainingJob::RankCollectiveDone, this));
    m_comm->TraceConnectWithoutContext("OperationFailed",
                                       MakeCallback(&TrainingJob::OperationFailed, this));
}

void
TrainingJob::TakeAttributes()
{
    // At Start, not at Install: a Config::Set between Install and Simulator::Run counts, as
    // for ns-3's own applications. (Later changes to these are not followed.)
    CheckAttributes();
    PlanBuckets();
    if (!m_outputFile.empty())
    {
        m_csv = std::make_unique<std::ofstream>(m_outputFile);
        if (!*m_csv)
        {
            NS_FATAL_ERROR("ns3::TrainingJob: OutputFile = " << m_outputFile
                                                             << " cannot be written: give a "
                                                                "path in a writable folder");
        }
        *m_csv << "iteration,rank,start_s,end_s,compute_s,factor\n";
    }
}

void
TrainingJob::CheckAttributes() const
{
    // Checked here rather than by the attributes' checkers, whose message names neither the
    // value nor what is valid.
    if (m_layerBytes % 4 != 0)
    {
        NS_FATAL_ERROR("ns3::TrainingJob: LayerBytes = "
                       << m_layerBytes << " is invalid: use a positive multiple of 4 (whole "
                       << "floats)");
    }
    if (m_checkpointInterval == 0 || m_checkpointInterval > 1000000000)
    {
        NS_FATAL_ERROR("ns3::TrainingJob: CheckpointInterval = " << m_checkpointInterval
                                                                 << " is invalid: use 1 ... "
                                                                    "10^9 steps");
    }
    if (m_checkpointTime.IsStrictlyNegative() || m_restartTime.IsStrictlyNegative())
    {
        NS_FATAL_ERROR("ns3::TrainingJob: "
                       << (m_checkpointTime.IsStrictlyNegative() ? "CheckpointTime = "
                                                                 : "RestartTime = ")
                       << (m_checkpointTime.IsStrictlyNegative() ? m_checkpointTime : m_restartTime)
                              .As(Time::S)
                       << " is invalid: use a time >= 0");
    }
    if (!(m_failureRate >= 0 && m_failureRate <= 3.6e9))
    {
        NS_FATAL_ERROR("ns3::TrainingJob: FailureRate = "
                       << m_failureRate << " is invalid: use 0 ... 3.6e9 failures per hour");
    }
}

void
TrainingJob::PlanBuckets()
{
    // DDP's compute_bucket_assignment_by_size: gradients in backward order join the open
    // bucket whole; the bucket closes once it reaches the cap.
    m_buckets.clear();
    m_bucketAfter.assign(m_nLayers, -1);
    uint64_t open = 0;
    for (uint32_t b = 0; b < m_nLayers; ++b)
    {
        open += m_layerBytes;
        if (open >= m_bucketBytes || b + 1 == m_nLayers)
        {
            m_bucketAfter[b] = static_cast<int32_t>(m_buckets.size());
            m_buckets.push_back(open);
            open = 0;
        }
    }
    NS_LOG_INFO(m_buckets.size() << " buckets of " << m_buckets.front() << " bytes (the last "
                                 << m_buckets.back() << ")");
}

void
TrainingJob::Start()
{
    if (!m_started)
    {
        m_started = true;
        TakeAttributes();
        m_variability->Setup(GetNRanks());
        m_start = Simulator::Now();
        m_previousEnd = m_start;
        m_ledger = std::make_unique<CheckpointLedger>(m_checkpointInterval,
                                                      m_iterations,
                                                      m_start.GetTimeStep());
        m_failureProcess.Start(m_failureRate, MakeCallback(&TrainingJob::Fail, this));
    }
}

Ptr<CollectiveCommunicator>
TrainingJob::GetCommunicator() const
{
    return m_comm;
}

Ptr<TrainingVariability>
TrainingJob::GetVariability() const
{
    return m_variability;
}

uint32_t
TrainingJob::GetNRanks() const
{
    return static_cast<uint32_t>(m_apps.size());
}

uint32_t
TrainingJob::GetIterations() const
{
    return m_iterations;
}

uint32_t
TrainingJob::GetNLayers() const
{
    return m_nLayers;
}

Time
TrainingJob::GetForwardTime() const
{
    if (m_layerFlops > 0)
    {
        return Seconds(m_nLayers * m_layerFlops / (m_achievedTflops * 1e12));
    }
    return m_forwardTime * static_cast<int64_t>(m_nLayers);
}

Time
TrainingJob::GetLayerBackwardTime() const
{
    if (m_layerFlops > 0)
    {
        return Seconds(2 * m_layerFlops / (m_achievedTflops * 1e12));
    }
    return m_backwardTime;
}

Time
TrainingJob::GetOptimizerTime() const
{
    return m_optimizerTime;
}

Time
TrainingJob::GetComputeTime() const
{
    return GetForwardTime() + GetLayerBackwardTime() * static_cast<int64_t>(m_nLayers) +
           m_optimizerTime;
}

const std::vector<uint64_t>&
TrainingJob::GetBuckets() const
{
    return m_buckets;
}

int32_t
TrainingJob::GetBucketClosedAfter(uint32_t backwardLayer) const
{
    return m_bucketAfter.at(backwardLayer);
}

void
TrainingJob::RankCollectiveDone(uint32_t sequence, uint32_t rank, Time start, Time end)
{
    NS_LOG_FUNCTION(this << sequence << rank << start << end);
    m_apps.at(rank)->CollectiveDone();
}

void
TrainingJob::NotifyIterationEnd(uint32_t rank,
                                uint32_t iteration,
                                Time start,
                                Time compute,
                                double factor)
{
    const Time end = Simulator::Now();
    NS_LOG_FUNCTION(this << rank << iteration << start << end << compute);
    m_rankIterationTrace(iteration, rank, start, end, compute);
    if (m_csv)
    {
        *m_csv << iteration << ',' << rank << ',' << std::setprecision(12) << start.GetSeconds()
               << ',' << end.GetSeconds() << ',' << compute.GetSeconds() << ','
               << std::setprecision(6) << factor << '\n';
    }
    // A rank ends iteration i + 1 only after every rank ended i (its last all-reduce of
    // i + 1 needs every rank's issue), so two slots hold every open iteration.
    IterationState& s = m_open[iteration % 2];
    if (s.ranksDone == 0 || end >= s.lastEnd)
    {
        s.lastEnd = end;
        s.lastStart = start;
        s.lastCompute = compute;
    }
    if (++s.ranksDone < GetNRanks())
    {
        return;
    }
    NS_ASSERT_MSG(iteration == m_stepsDone, "iterations end in order");
    // From the previous step's end, the job's start, or the end of a checkpoint or restart.
    const Time step = s.lastEnd - m_previousEnd;
    const Time exposed = s.lastEnd - s.lastStart - s.lastCompute;
    m_steps.Add(step.GetSeconds());
    m_exposed.Add(exposed.GetSeconds());
    m_previousEnd = s.lastEnd;
    s = IterationState();
    ++m_stepsDone;
    NS_LOG_INFO("step " << iteration << ": " << step.As(Time::MS) << ", exposed "
                        << exposed.As(Time::US));
    m_ledger->StepEnded(step.GetTimeStep());
    m_stepTrace(iteration, step, exposed);
    if (m_stepsDone == m_iterations)
    {
        m_failureProcess.Stop(); // failures planned after the end must not hold the run
        if (m_csv)
        {
            m_csv->close();
        }
        m_completeTrace(GetCompletionTime());
        return;
    }
    if (CheckpointAfter(iteration))
    {
        if (m_checkpointTime.IsZero())
        {
            CommitCheckpoint(); // taken at the step's end; no rank waits
        }
        else
        {
            // Every rank waits for it (TrainingJobApplication::EndIteration), then all write.
            m_checkpointEvent =
                Simulator::Schedule(m_checkpointTime, &TrainingJob::CommitCheckpoint, this);
        }
    }
}

const StreamingStatistics&
TrainingJob::GetStepTimes() const
{
    return m_steps;
}

const StreamingStatistics&
TrainingJob::GetExposedCommunication() const
{
    return m_exposed;
}

bool
TrainingJob::IsComplete() const
{
    return m_stepsDone == m_iterations && m_iterations > 0;
}

Time
TrainingJob::GetCompletionTime() const
{
    return IsComplete() ? m_previousEnd - m_start : Seconds(0);
}

double
TrainingJob::ScalingEfficiency(Time stepTimeOne, Time stepTimeN)
{
    NS_ASSERT_MSG(stepTimeN.IsStrictlyPositive(), "a step takes time");
    return stepTimeOne.GetSeconds() / stepTimeN.GetSeconds();
}

} // namespace ns3
