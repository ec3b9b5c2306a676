/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_COLLECTIVE_PROGRESS_H
#define SCALE_ACROSS_COLLECTIVE_PROGRESS_H

#include "ns3/collective-communicator.h"
#include "ns3/show-progress.h"

#include <iostream>
#include <memory>

namespace ns3
{

/**
 * @ingroup scale-across-helper
 * @brief ns-3's ShowProgress for a run of collectives, ended when they are done.
 *
 * ShowProgress keeps scheduling its own checks, so a simulation with one never runs out of
 * events; and ns-3.37 does not cancel them when it is destroyed. This helper stops the
 * simulation (Simulator::Stop) once the communicator has ended the given number of
 * operations (completed, recovered or failed: OperationComplete or OperationFailed), and keeps the
 * ShowProgress alive until it is itself destroyed: declare it before Simulator::Run and let it go
 * after Simulator::Destroy.
 *
 * @code
 *   CollectiveProgress progress;
 *   progress.Start(comm, sizes.size());
 *   Simulator::Run();
 * @endcode
 */
class CollectiveProgress
{
  public:
    /**
     * @brief Show progress on os every interval of wall time until comm has completed
     * operations operations, then stop the simulation.
     * @param comm the communicator
     * @param operations operations to wait for (>= 1)
     * @param interval wall-clock time between two progress lines
     * @param os where to print them
     */
    void Start(Ptr<CollectiveCommunicator> comm,
               size_t operations,
               Time interval = Seconds(10),
               std::ostream& os = std::cerr);

  private:
    /// A communicator operation ended (completed, recovered or failed).
    void OperationComplete(const CollectiveResult& result);

    std::unique_ptr<ShowProgress> m_show; //!< the progress printer
    size_t m_remaining{0};                //!< operations still to complete
};

} // namespace ns3

#endif /* SCALE_ACROSS_COLLECTIVE_PROGRESS_H */
