/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_TRAINING_JOB_HELPER_H
#define SCALE_ACROSS_TRAINING_JOB_HELPER_H

#include "ns3/collective-communicator.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/training-job.h"

#include <string>

namespace ns3
{

/**
 * @ingroup scale-across-helper
 * @brief Installs a data-parallel TrainingJob over a communicator: one TrainingJobApplication
 * per rank, on the rank's node.
 *
 * @code
 *   CollectiveHelper nccl;
 *   Ptr<CollectiveCommunicator> comm = nccl.Install(devices);
 *   TrainingJobHelper training;
 *   training.SetJobAttribute("Iterations", UintegerValue(20));
 *   training.SetVariabilityAttribute("JitterSigma", DoubleValue(0.05));
 *   Ptr<TrainingJob> job = training.Install(comm, nodes);
 *   training.AssignStreams(job, 100);
 *   Simulator::Run();
 *   std::cout << job->GetStepTimes().GetMean() << " s per step\n";
 * @endcode
 */
class TrainingJobHelper
{
  public:
    TrainingJobHelper();

    /**
     * @param name attribute of ns3::TrainingJob
     * @param value its value
     */
    void SetJobAttribute(std::string name, const AttributeValue& value);
    /**
     * @param name attribute of ns3::TrainingVariability
     * @param value its value
     */
    void SetVariabilityAttribute(std::string name, const AttributeValue& value);
    /**
     * @param name attribute of ns3::TrainingJobApplication (e.g. StartTime)
     * @param value its value
     */
    void SetApplicationAttribute(std::string name, const AttributeValue& value);

    /**
     * @brief Build a job over a communicator.
     * @param comm the data-parallel communicator; the job issues every operation on it
     * @param nodes node r holds rank r (the devices comm was built over, in order)
     * @return the job
     */
    Ptr<TrainingJob> Install(Ptr<CollectiveCommunicator> comm, const NodeContainer& nodes);

    /**
     * @brief Fix the random streams of a job's variability and of its failure process.
     * @param job the job
     * @param stream the first stream
     * @return streams used
     */
    int64_t AssignStreams(Ptr<TrainingJob> job, int64_t stream);

  private:
    ObjectFactory m_jobFactory;         //!< TrainingJob
    ObjectFactory m_variabilityFactory; //!< TrainingVariability
    ObjectFactory m_applicationFactory; //!< TrainingJobApplication
};

} // namespace ns3

#endif /* SCALE_ACROSS_TRAINING_JOB_HELPER_H */
