/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// CollectiveApplication's progress through an operation, kept apart from its begin, its
// arrivals and credits and its end: the schedule read a window ahead (or, on demand, each
// stream's next send), and sends started once their dependencies are done and a credit is
// free. It logs nothing (Send runs once per message), so it defines no log component.

#include "collective-application.h"
#include "collective-communicator.h"

#include "ns3/abort.h"
#include "ns3/simulator.h"

namespace ns3
{

void
CollectiveApplication::Progress(uint32_t sequence)
{
    Operation* found = Find(sequence);
    if (!found || found->inProgress)
    {
        return;
    }
    Operation& op = *found;
    op.inProgress = true;
    if (op.onDemand && !op.filled)
    {
        op.filled = true;
        FillStreams(op);
    }
    bool changed = true;
    while (changed && Find(sequence))
    {
        // On demand, StartSends reads on whenever a stream runs out: nothing to read here.
        changed = !op.onDemand && ReadOps(op, false);
        changed = StartSends(op) || changed;
        if (!changed && !op.onDemand && op.nextRead < op.nOps && !op.boundedReadAhead)
        {
            // The window is full and every send in it waits (on a receive or a credit). A
            // send further on may be able to start now, as it would for a rank that read the
            // whole schedule at once: read on, one op at a time, until one does. So the
            // window bounds memory only where that changes no time.
            changed = ReadOps(op, true);
        }
    }
    op.inProgress = false;
}

bool
CollectiveApplication::ReadOps(Operation& op, bool beyondWindow)
{
    bool any = false;
    // A schedule that proves a read-ahead sufficient is read that far, whatever ReadWindow
    // says; others are read ReadWindow sends ahead, and further when all of those wait.
    const uint64_t window = op.boundedReadAhead ? op.schedule->GetReadAhead() : m_window;
    while (op.nextRead < op.nOps && (op.queuedSends < window || (beyondWindow && !any)))
    {
        ReadOne(op);
        any = true;
    }
    return any;
}

void
CollectiveApplication::ReadOne(Operation& op)
{
    const uint64_t index = op.nextRead++;
    const CollectiveOp next = op.schedule->GetOp(m_rank, index);
    if (next.kind == CollectiveOp::Kind::SEND)
    {
        op.done.Append(true); // nothing waits for a send
        const size_t stream = op.streams.FindOrAdd(SendStreams::Key(next.peer, next.flow));
        NS_ABORT_MSG_IF(op.onDemand && op.streams.Size() > op.nSendStreams,
                        "rank " << m_rank << " sends to rank " << next.peer << " on flow "
                                << unsigned{next.flow} << ", which GetSendPeers omits");
        op.streams[stream].ops.push_back(index);
        ++op.queuedSends;
        return;
    }
    op.done.Append(false);
    if (op.receives.Read(index, next.peer, next.tag))
    {
        CompleteReceive(op, index, &next);
    }
}

void
CollectiveApplication::FillStreams(Operation& op)
{
    // Until every stream the rank will send on has its first send (a rank without sends
    // reads everything: nothing would read its receives later).
    while (op.nextRead < op.nOps && (op.streams.Size() < op.nSendStreams || op.nSendStreams == 0))
    {
        ReadOne(op);
    }
}

void
CollectiveApplication::ReadUntilQueued(Operation& op, size_t stream)
{
    // The stream's next send, and every op before it. If it has none left, this reads to the
    // end: so once every send has started, every receive is read.
    while (op.nextRead < op.nOps && op.streams[stream].ops.empty())
    {
        ReadOne(op);
    }
}

bool
CollectiveApplication::StartSends(Operation& op)
{
    bool any = false;
    const uint32_t credits = m_communicator->GetSendCredits();
    for (size_t i = 0; i < op.streams.Size();)
    {
        SendStreams::Stream& stream = op.streams[i];
        auto& queue = stream.ops;
        while (!queue.empty() && (credits == 0 || stream.inFlight < credits))
        {
            if (!stream.headRead)
            {
                stream.head = op.schedule->GetOp(m_rank, queue.front());
                stream.headRead = true;
            }
            const CollectiveOp& send = stream.head;
            bool ready = true;
            for (int64_t d : send.deps)
            {
                ready = ready && (d == CollectiveOp::NONE || op.done.IsDone(d));
            }
            if (!ready)
            {
                break;
            }
            // Its size now, while the schedule is at hand: a delayed Send need not look it up.
            const uint64_t bytes = op.schedule->GetOpBytes(send);
            if (op.sendLatency.IsStrictlyPositive())
            {
                Simulator::Schedule(op.sendLatency,
                                    &CollectiveApplication::Send,
                                    this,
                                    op.sequence,
                                    send.peer,
                                    send.tag,
                                    send.flow,
                                    bytes);
            }
            else
            {
                Send(op.sequence, send.peer, send.tag, send.flow, bytes);
            }
            queue.pop_front();
            stream.headRead = false;
            --op.queuedSends;
            ++stream.inFlight;
            any = true;
            OpDone(op);
            if (op.onDemand && queue.empty())
            {
                ReadUntilQueued(op, i); // as if the whole schedule had been read at once
            }
        }
        // Finished streams go to the spares, so each receive rescans only streams with sends
        // left (all-to-all has p - 1 of them).
        if (queue.empty() && stream.inFlight == 0)
        {
            op.streams.Remove(i);
        }
        else
        {
            ++i;
        }
    }
    return any;
}

void
CollectiveApplication::Send(uint32_t sequence,
                            uint32_t peer,
                            uint32_t tag,
                            uint8_t flow,
                            uint64_t bytes)
{
    if (m_communicator->GetFailureMonitor().IsFailed(sequence))
    {
        return; // a send delayed by the protocol's latency, of an operation failed since
    }
    // No NS_LOG here: this runs once per message, and even a disabled log statement costs a
    // LogComponent::IsEnabled call (issue #17); the transport's MessageReceived trace and the
    // communicator's traces show every message instead.
    CollectiveHeader& h = m_sendHeader;
    h.communicator = m_communicator->GetId();
    h.operation = sequence;
    h.source = m_rank;
    h.tag = tag;
    h.messageBytes = bytes;
    h.flow = flow;
    h.offset = 0;
    h.dataBytes = 0;
    m_transport->Send(m_communicator->GetAddress(peer), h, m_communicator->GetWireFactor(), flow);
}

} // namespace ns3
