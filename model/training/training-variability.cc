/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "training-variability.h"

#include "ns3/double.h"
#include "ns3/log.h"

#include <cmath>
#include <numeric>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TrainingVariability");
NS_OBJECT_ENSURE_REGISTERED(TrainingVariability);

TypeId
TrainingVariability::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TrainingVariability")
            .SetParent<Object>()
            .SetGroupName("ScaleAcross")
            .AddConstructor<TrainingVariability>()
            .AddAttribute("JitterSigma",
                          "Sigma of the log-normal compute jitter drawn per rank and iteration "
                          "(mean 1), 0 ... 2; default 0: no jitter.",
                          DoubleValue(0),
                          MakeDoubleAccessor(&TrainingVariability::m_jitterSigma),
                          MakeDoubleChecker<double>(0, 2))
            .AddAttribute("StragglerFraction",
                          "Fraction of ranks that are persistent stragglers, 0 ... 1 "
                          "(round(fraction x ranks) ranks); default 0: none.",
                          DoubleValue(0),
                          MakeDoubleAccessor(&TrainingVariability::m_stragglerFraction),
                          MakeDoubleChecker<double>(0, 1))
            .AddAttribute("StragglerSlowdown",
                          "Compute time factor of a straggler, 1 ... 100; default 1: none.",
                          DoubleValue(1),
                          MakeDoubleAccessor(&TrainingVariability::m_stragglerSlowdown),
                          MakeDoubleChecker<double>(1, 100))
            .AddAttribute("FailSlowRate",
                          "Fail-slow episodes per rank and hour (a Poisson process), 0 ... "
                          "3600000; default 0: none.",
                          DoubleValue(0),
                          MakeDoubleAccessor(&TrainingVariability::m_failSlowRate),
                          MakeDoubleChecker<double>(0, 3.6e6))
            .AddAttribute("FailSlowDuration",
                          "Mean length of a fail-slow episode (exponential), > 0; default "
                          "10 min, within the under-a-minute to about 10 hours FALCON reports "
                          "(ATC'25).",
                          TimeValue(Minutes(10)),
                          MakeTimeAccessor(&TrainingVariability::m_failSlowDuration),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddAttribute("FailSlowSlowdown",
                          "Compute time factor during a fail-slow episode, 1 ... 100; default "
                          "2, an example value (FALCON, ATC'25, reports the jobs' average "
                          "slowdown, 1.34x, not a per-episode factor).",
                          DoubleValue(2),
                          MakeDoubleAccessor(&TrainingVariability::m_failSlowSlowdown),
                          MakeDoubleChecker<double>(1, 100))
            .AddTraceSource("FailSlowEpisode",
                            "A fail-slow episode of a rank, when drawn (at or before its "
                            "start).",
                            MakeTraceSourceAccessor(&TrainingVariability::m_episodeTrace),
                            "ns3::TrainingVariability::EpisodeTracedCallback");
    return tid;
}

TrainingVariability::TrainingVariability()
    : m_jitterSigma(0),
      m_stragglerFraction(0),
      m_stragglerSlowdown(1),
      m_failSlowRate(0),
      m_failSlowSlowdown(2),
      m_nStragglers(0),
      m_jitter(CreateObject<LogNormalRandomVariable>()),
      m_choice(CreateObject<UniformRandomVariable>()),
      m_gap(CreateObject<ExponentialRandomVariable>()),
      m_duration(CreateObject<ExponentialRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

TrainingVariability::~TrainingVariability()
{
    NS_LOG_FUNCTION(this);
}

void
TrainingVariability::DoDispose()
{
    m_jitter = nullptr;
    m_choice = nullptr;
    m_gap = nullptr;
    m_duration = nullptr;
    Object::DoDispose();
}

int64_t
TrainingVariability::AssignStreams(int64_t stream)
{
    m_jitter->SetStream(stream);
    m_choice->SetStream(stream + 1);
    m_gap->SetStream(stream + 2);
    m_duration->SetStream(stream + 3);
    return 4;
}

void
TrainingVariability::Setup(uint32_t ranks)
{
    NS_LOG_FUNCTION(this << ranks);
    // Mean 1: E[exp(N(mu, sigma^2))] = exp(mu + sigma^2 / 2).
    m_jitter->SetAttribute("Mu", DoubleValue(-m_jitterSigma * m_jitterSigma / 2));
    m_jitter->SetAttribute("Sigma", DoubleValue(m_jitterSigma));

    m_straggler.assign(ranks, 1.0);
    m_nStragglers =
        static_cast<uint32_t>(std::llround(m_stragglerFraction * static_cast<double>(ranks)));
    if (m_nStragglers > 0)
    {
        // The first m_nStragglers of a partial Fisher-Yates shuffle.
        std::vector<uint32_t> order(ranks);
        std::iota(order.begin(), order.end(), 0);
        for (uint32_t i = 0; i < m_nStragglers; ++i)
        {
            const uint32_t j = m_choice->GetInteger(i, ranks - 1);
            std::swap(order[i], order[j]);
            m_straggler[order[i]] = m_stragglerSlowdown;
            NS_LOG_INFO("rank " << order[i] << " is a straggler (x" << m_stragglerSlowdown << ")");
        }
    }

    m_episodeStart.assign(ranks, Time::Max());
    m_episodeEnd.assign(ranks, Time::Max());
    if (m_failSlowRate > 0)
    {
        m_gap->SetAttribute("Mean", DoubleValue(3600.0 / m_failSlowRate));
        m_duration->SetAttribute("Mean", DoubleValue(m_failSlowDuration.GetSeconds()));
        for (uint32_t r = 0; r < ranks; ++r)
        {
            m_episodeEnd[r] = Seconds(0);
            NextEpisode(r);
        }
    }
}

void
TrainingVariability::NextEpisode(uint32_t rank)
{
    m_episodeStart[rank] = m_episodeEnd[rank] + Seconds(m_gap->GetValue());
    m_episodeEnd[rank] = m_episodeStart[rank] + Seconds(m_duration->GetValue());
    NS_LOG_INFO("rank " << rank << " fail-slow from " << m_episodeStart[rank].As(Time::S) << " to "
                        << m_episodeEnd[rank].As(Time::S));
    m_episodeTrace(rank, m_episodeStart[rank], m_episodeEnd[rank]);
}

double
TrainingVariability::GetIterationFactor(uint32_t rank)
{
    NS_ASSERT_MSG(rank < m_straggler.size(), "Setup first");
    const double jitter = m_jitterSigma > 0 ? m_jitter->GetValue() : 1.0;
    return jitter * m_straggler[rank];
}

double
TrainingVariability::GetFailSlowFactor(uint32_t rank, Time now)
{
    NS_ASSERT_MSG(rank < m_episodeEnd.size(), "Setup first");
    if (m_failSlowRate <= 0)
    {
        return 1.0;
    }
    while (now >= m_episodeEnd[rank])
    {
        NextEpisode(rank);
    }
    return now >= m_episodeStart[rank] ? m_failSlowSlowdown : 1.0;
}

bool
TrainingVariability::IsStraggler(uint32_t rank) const
{
    return rank < m_straggler.size() && m_straggler[rank] != 1.0;
}

uint32_t
TrainingVariability::GetNStragglers() const
{
    return m_nStragglers;
}

} // namespace ns3
