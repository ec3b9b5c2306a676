/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "training-job-helper.h"

#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/training-job-application.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TrainingJobHelper");

TrainingJobHelper::TrainingJobHelper()
{
    m_jobFactory.SetTypeId("ns3::TrainingJob");
    m_variabilityFactory.SetTypeId("ns3::TrainingVariability");
    m_applicationFactory.SetTypeId("ns3::TrainingJobApplication");
}

void
TrainingJobHelper::SetJobAttribute(std::string name, const AttributeValue& value)
{
    m_jobFactory.Set(name, value);
}

void
TrainingJobHelper::SetVariabilityAttribute(std::string name, const AttributeValue& value)
{
    m_variabilityFactory.Set(name, value);
}

void
TrainingJobHelper::SetApplicationAttribute(std::string name, const AttributeValue& value)
{
    m_applicationFactory.Set(name, value);
}

Ptr<TrainingJob>
TrainingJobHelper::Install(Ptr<CollectiveCommunicator> comm, const NodeContainer& nodes)
{
    NS_LOG_FUNCTION(this << comm << nodes.GetN());
    if (comm == nullptr || nodes.GetN() != comm->GetNRanks())
    {
        NS_FATAL_ERROR("TrainingJobHelper::Install: " << nodes.GetN() << " nodes for "
                                                      << (comm ? comm->GetNRanks() : 0)
                                                      << " ranks: give one node per rank");
    }
    Ptr<TrainingJob> job = m_jobFactory.Create<TrainingJob>();
    job->SetAttribute("Variability",
                      PointerValue(m_variabilityFactory.Create<TrainingVariability>()));
    std::vector<Ptr<TrainingJobApplication>> apps;
    apps.reserve(nodes.GetN());
    for (uint32_t r = 0; r < nodes.GetN(); ++r)
    {
        Ptr<TrainingJobApplication> app = m_applicationFactory.Create<TrainingJobApplication>();
        app->SetJob(job, r);
        nodes.Get(r)->AddApplication(app);
        apps.push_back(app);
    }
    job->Setup(comm, apps);
    return job;
}

int64_t
TrainingJobHelper::AssignStreams(Ptr<TrainingJob> job, int64_t stream)
{
    const int64_t used = job->GetVariability()->AssignStreams(stream);
    return used + job->AssignStreams(stream + used);
}

} // namespace ns3
