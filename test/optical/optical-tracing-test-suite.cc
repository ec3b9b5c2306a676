/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-optical-tracing: pcap and ascii tracing through ns-3's helper mix-ins record
 * transmissions, receptions and drops.
 */

#include "../scale-across-test-fixture.h"

#include "ns3/optical-fabric-helper.h"
#include "ns3/pcap-file.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/trace-helper.h"

#include <fstream>
#include <sstream>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// One delivered frame and one refused one, traced to pcap and ascii files.
class TracingTestCase : public TestCase
{
  public:
    TracingTestCase()
        : TestCase("pcap has the sent and received frame; ascii has +, -, r and d lines")
    {
    }

  private:
    void DoRun() override
    {
        const std::string prefix = CreateTempDirFilename("tracing");
        Trace(prefix);
        Check(prefix);
    }

    Mac48Address m_sender;   //!< the sending device's address
    Mac48Address m_receiver; //!< the receiving device's address

    /// Run and trace; the files are closed when the devices go, at the end of this scope.
    void Trace(const std::string& prefix)
    {
        NodeContainer nodes;
        nodes.Create(2);
        OpticalFabricHelper fabric;
        NetDeviceContainer devices = fabric.Install(nodes);
        AsciiTraceHelper ascii;
        fabric.EnableAsciiAll(ascii.CreateFileStream(prefix + ".tr"));
        fabric.EnablePcapAll(prefix);
        Ptr<NetDevice> sender = devices.Get(0);
        const Address peer = devices.Get(1)->GetAddress();
        m_sender = Mac48Address::ConvertFrom(sender->GetAddress());
        m_receiver = Mac48Address::ConvertFrom(peer);
        Simulator::Schedule(Seconds(0), [sender, peer]() {
            sender->Send(Create<Packet>(700), peer, TEST_PROTOCOL);
            sender->Send(Create<Packet>(300), Mac48Address("02:00:00:00:99:99"), TEST_PROTOCOL);
        });
        Simulator::Run();
        Simulator::Destroy();
    }

    /// Read the files back.
    void Check(const std::string& prefix)
    {
        std::ifstream in(prefix + ".tr");
        std::ostringstream text;
        text << in.rdbuf();
        const std::string tr = text.str();
        for (const char* line : {"+ ", "- ", "r ", "d "})
        {
            const bool found =
                tr.rfind(line, 0) == 0 || tr.find(std::string("\n") + line) != std::string::npos;
            NS_TEST_EXPECT_MSG_EQ(found, true, "ascii trace lacks a '" << line << "' line");
        }
        NS_TEST_EXPECT_MSG_NE(tr.find("/NodeList/0/DeviceList/0/$ns3::OpticalNetDevice/MacTxDrop"),
                              std::string::npos,
                              "drop line names its device");
        for (const char* file : {"-0-0.pcap", "-1-0.pcap"})
        {
            PcapFile pcap;
            pcap.Open(prefix + file, std::ios::in);
            NS_TEST_ASSERT_MSG_EQ(pcap.Fail(), false, "cannot open " << prefix + file);
            NS_TEST_EXPECT_MSG_EQ(pcap.GetDataLinkType(), 1, "DLT_EN10MB");
            uint8_t buf[2048];
            uint32_t sec;
            uint32_t usec;
            uint32_t inclLen;
            uint32_t origLen;
            uint32_t readLen;
            pcap.Read(buf, sizeof(buf), sec, usec, inclLen, origLen, readLen);
            NS_TEST_EXPECT_MSG_EQ(pcap.Fail(), false, "one frame in " << file);
            NS_TEST_EXPECT_MSG_EQ(origLen, 700 + MAC_HEADER, "the frame with its MAC header");
            // The header is built only for the sniffer (issue #17): its bytes must still be
            // those of an Ethernet II header from device 0 to device 1.
            Mac48Address destination;
            Mac48Address source;
            destination.CopyFrom(buf);
            source.CopyFrom(buf + 6);
            NS_TEST_EXPECT_MSG_EQ(destination, m_receiver, "destination MAC in " << file);
            NS_TEST_EXPECT_MSG_EQ(source, m_sender, "source MAC in " << file);
            const uint16_t etherType = (buf[12] << 8) | buf[13];
            NS_TEST_EXPECT_MSG_EQ(etherType, TEST_PROTOCOL, "EtherType in " << file);
            pcap.Close();
        }
    }
};

/// The suite.
class OpticalTracingTestSuite : public TestSuite
{
  public:
    OpticalTracingTestSuite()
        : TestSuite("scale-across-optical-tracing", TestSuite::Type::UNIT)
    {
        AddTestCase(new TracingTestCase());
    }
};

/// Static instance registering the suite.
OpticalTracingTestSuite g_opticalTracingTestSuite;

} // namespace
