/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-collective-header: the wire form of CollectiveHeader. Pcap files and any
 * reader of the bursts see these bytes, so the one-copy Serialize/PeekFrom of issue #17 must
 * give exactly the bytes of the field-by-field Buffer::Iterator writes it replaced: 37
 * bytes, each field big-endian in declaration order.
 */

#include "ns3/collective-header.h"
#include "ns3/packet.h"
#include "ns3/test.h"

#include <vector>

using namespace ns3;

namespace
{

/// A header whose every field has distinct bytes (a swapped or shifted byte shows).
CollectiveHeader
Sample()
{
    CollectiveHeader h;
    h.communicator = 0x01020304;
    h.operation = 0x05060708;
    h.source = 0x090A0B0C;
    h.tag = 0x0D0E0F10;
    h.messageBytes = 0x1112131415161718ULL;
    h.offset = 0x191A1B1C1D1E1F20ULL;
    h.dataBytes = 0x21222324;
    h.flow = 0x25;
    return h;
}

/// @return the bytes of a packet
std::vector<uint8_t>
Bytes(const Packet& p)
{
    std::vector<uint8_t> bytes(p.GetSize());
    p.CopyData(bytes.data(), p.GetSize());
    return bytes;
}

/// @return true if two headers hold the same fields
bool
Same(const CollectiveHeader& a, const CollectiveHeader& b)
{
    return a.communicator == b.communicator && a.operation == b.operation && a.source == b.source &&
           a.tag == b.tag && a.messageBytes == b.messageBytes && a.offset == b.offset &&
           a.dataBytes == b.dataBytes && a.flow == b.flow;
}

/// Serialize writes the field-by-field bytes; PeekFrom and Deserialize read them back.
class HeaderWireFormTestCase : public TestCase
{
  public:
    HeaderWireFormTestCase()
        : TestCase("CollectiveHeader: 37 bytes, big-endian fields in order, read back whole")
    {
    }

  private:
    void DoRun() override
    {
        const CollectiveHeader h = Sample();
        NS_TEST_ASSERT_MSG_EQ(h.GetSerializedSize(), 37u, "4 x 4 + 8 + 8 + 4 + 1 bytes");

        // The reference: Buffer::Iterator's network-order writes, one field at a time, as
        // the header was serialized before issue #17.
        Buffer reference;
        reference.AddAtStart(37);
        Buffer::Iterator i = reference.Begin();
        i.WriteHtonU32(h.communicator);
        i.WriteHtonU32(h.operation);
        i.WriteHtonU32(h.source);
        i.WriteHtonU32(h.tag);
        i.WriteHtonU64(h.messageBytes);
        i.WriteHtonU64(h.offset);
        i.WriteHtonU32(h.dataBytes);
        i.WriteU8(h.flow);
        std::vector<uint8_t> expected(37);
        reference.CopyData(expected.data(), 37);
        // With the sample's fields that is bytes 0x01 ... 0x25 in order.
        for (uint32_t k = 0; k < 37; ++k)
        {
            NS_TEST_ASSERT_MSG_EQ(unsigned{expected[k]}, k + 1, "reference byte " << k);
        }

        Ptr<Packet> p = Create<Packet>(100);
        p->AddHeader(h);
        const std::vector<uint8_t> got = Bytes(*p);
        NS_TEST_ASSERT_MSG_EQ(got.size(), 137u, "header + payload");
        for (uint32_t k = 0; k < 37; ++k)
        {
            NS_TEST_ASSERT_MSG_EQ(unsigned{got[k]}, unsigned{expected[k]}, "wire byte " << k);
        }

        CollectiveHeader peeked;
        peeked.PeekFrom(*p);
        NS_TEST_ASSERT_MSG_EQ(Same(peeked, h), true, "PeekFrom reads every field back");
        CollectiveHeader deserialized;
        NS_TEST_ASSERT_MSG_EQ(p->PeekHeader(deserialized), 37u, "Deserialize reads 37 bytes");
        NS_TEST_ASSERT_MSG_EQ(Same(deserialized, h), true, "Deserialize reads every field");
        NS_TEST_ASSERT_MSG_EQ(p->GetSize(), 137u, "peeking leaves the packet whole");

        CollectiveHeader removed;
        p->RemoveHeader(removed);
        NS_TEST_ASSERT_MSG_EQ(Same(removed, h), true, "RemoveHeader reads every field");
        NS_TEST_ASSERT_MSG_EQ(p->GetSize(), 100u, "RemoveHeader takes exactly 37 bytes");
    }
};

/// The header's bytes of a packet fragment that starts with it: PeekFrom after a copy.
class HeaderFragmentTestCase : public TestCase
{
  public:
    HeaderFragmentTestCase()
        : TestCase("CollectiveHeader: PeekFrom reads the front of a fragment and of a copy")
    {
    }

  private:
    void DoRun() override
    {
        const CollectiveHeader h = Sample();
        Ptr<Packet> p = Create<Packet>(1000);
        p->AddHeader(h);
        Ptr<Packet> front = p->CreateFragment(0, 40);
        CollectiveHeader peeked;
        peeked.PeekFrom(*front);
        NS_TEST_ASSERT_MSG_EQ(Same(peeked, h), true, "fragment of 40 bytes");
        Ptr<Packet> copy = p->Copy();
        copy->AddAtEnd(Create<Packet>(10));
        CollectiveHeader again;
        again.PeekFrom(*copy);
        NS_TEST_ASSERT_MSG_EQ(Same(again, h), true, "copy with bytes added at its end");
    }
};

/// The suite.
class CollectiveHeaderTestSuite : public TestSuite
{
  public:
    CollectiveHeaderTestSuite()
        : TestSuite("scale-across-collective-header", TestSuite::Type::UNIT)
    {
        AddTestCase(new HeaderWireFormTestCase());
        AddTestCase(new HeaderFragmentTestCase());
    }
};

/// Registers the suite.
CollectiveHeaderTestSuite g_collectiveHeaderTestSuite;

} // namespace
