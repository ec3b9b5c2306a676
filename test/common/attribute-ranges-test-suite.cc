/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-attribute-ranges: every numeric attribute of every scale-across TypeId is
 * tried at both edges of its documented range: the last valid value is accepted, and the first
 * invalid one stops the program with a message that names the attribute. A new numeric
 * attribute that is not in the table below fails the completeness case.
 */

#include "../scale-across-test-fixture.h"

#include "ns3/object-factory.h"
#include "ns3/object.h"
#include "ns3/scale-across-module.h"
#include "ns3/string.h"
#include "ns3/test.h"

#include <set>
#include <sstream>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// One attribute's documented range; "" where that edge does not exist.
struct Range
{
    std::string type;        //!< TypeId name
    std::string attribute;   //!< attribute name
    std::string lowValid;    //!< smallest valid value
    std::string lowInvalid;  //!< just below it
    std::string highValid;   //!< largest valid value
    std::string highInvalid; //!< just above it
    std::string why;         //!< for unbounded or context-dependent ranges: why no edge
    std::string create{};    //!< the TypeId to create, if type is abstract ("" = type)
};

const std::vector<Range>&
Ranges()
{
    static const std::vector<Range> ranges = {
        {"ns3::CoherentTransceiver", "Wavelengths", "1", "0", "1024", "1025", ""},
        {"ns3::CoherentTransceiver",
         "DataRatePerWavelength",
         "1bps",
         "0bps",
         "",
         "",
         "no upper bound"},
        {"ns3::CoherentTransceiver", "DspLatency", "0ns", "-1ns", "", "", "no upper bound"},
        {"ns3::CoherentTransceiver", "FecLatency", "0ns", "-1ns", "", "", "no upper bound"},
        {"ns3::CoherentTransceiver", "LaunchPower", "", "", "", "", "any power in dBm"},
        {"ns3::CoherentTransceiver", "ReceiverSensitivity", "", "", "", "", "any power in dBm"},
        {"ns3::CoherentTransceiver", "EnergyPerBit", "0", "-0.001", "", "", "no upper bound"},
        {"ns3::CoherentTransceiver",
         "StaticPowerWattsPerWavelength",
         "0",
         "-0.001",
         "",
         "",
         "no upper bound"},
        {"ns3::OpticalChannel", "Length", "0", "-0.001", "", "", "no upper bound"},
        {"ns3::OpticalChannel", "RefractiveIndex", "1", "0.999", "", "", "no upper bound"},
        {"ns3::OpticalChannel", "Attenuation", "0", "-0.001", "", "", "no upper bound"},
        {"ns3::OpticalChannel", "ConnectorLoss", "0", "-0.001", "", "", "no upper bound"},
        {"ns3::OpticalNetDevice", "Mtu", "1", "0", "65535", "65536", ""},
        {"ns3::OpticalNetDevice", "MaxBurstBytes", "1500", "1499", "4294967281", "4294967282", ""},
        {"ns3::OpticalNetDevice", "MaxQueueBytes", "1", "0", "18446744073709551615", "", "uint64"},
        {"ns3::OpticalNetDevice", "WavelengthsPerCircuit", "0", "", "", "", "divides Wavelengths"},
        {"ns3::PhotonicCrossbar", "NumPorts", "1", "0", "", "", "no upper bound"},
        {"ns3::PhotonicCrossbar", "LanesPerPort", "1", "0", "", "", "no upper bound"},
        {"ns3::PhotonicCrossbar", "ReconfigurationTime", "0ns", "-1ns", "", "", "no upper bound"},
        {"ns3::PhotonicCrossbar", "SwitchingLatency", "0ns", "-1ns", "", "", "no upper bound"},
        {"ns3::PhotonicCrossbar", "InsertionLoss", "0", "-0.001", "", "", "no upper bound"},
        {"ns3::PhotonicCrossbar", "PortPower", "0", "-0.001", "", "", "no upper bound"},
        {"ns3::PhotonicCrossbar",
         "ReconfigurationEnergyJoules",
         "0",
         "-0.001",
         "",
         "",
         "no upper bound"},
        {"ns3::PhotonicCrossbar", "PortLimit", "0", "", "", "", ">= NumPorts; 0 = technology's"},
        {"ns3::ClosFabric", "EdgePorts", "1", "0", "", "", "no upper bound"},
        {"ns3::ClosFabric", "PortPowerWatts", "0", "-0.001", "", "", "no upper bound"},
        {"ns3::ClosFabric", "MiddleSwitches", "1", "0", "", "", "no upper bound"},
        {"ns3::ClosFabric", "IngressInsertionLoss", "0", "-0.001", "", "", "no upper bound"},
        {"ns3::ClosFabric", "MiddleInsertionLoss", "0", "-0.001", "", "", "no upper bound"},
        {"ns3::ClosFabric", "EgressInsertionLoss", "0", "-0.001", "", "", "no upper bound"},
        {"ns3::ClosFabric", "IngressReconfigurationTime", "0ns", "-1ns", "", "", "no upper bound"},
        {"ns3::ClosFabric", "MiddleReconfigurationTime", "0ns", "-1ns", "", "", "no upper bound"},
        {"ns3::ClosFabric", "EgressReconfigurationTime", "0ns", "-1ns", "", "", "no upper bound"},
        {"ns3::ClosFabric", "IngressSwitchingLatency", "0ns", "-1ns", "", "", "no upper bound"},
        {"ns3::ClosFabric", "MiddleSwitchingLatency", "0ns", "-1ns", "", "", "no upper bound"},
        {"ns3::ClosFabric", "EgressSwitchingLatency", "0ns", "-1ns", "", "", "no upper bound"},
        {"ns3::ClosFabric", "InterStageLength", "0", "-0.001", "", "", "no upper bound"},
        {"ns3::ClosFabric", "InterStageRefractiveIndex", "1", "0.999", "", "", "no upper bound"},
        {"ns3::ClosFabric", "InterStageAttenuation", "0", "-0.001", "", "", "no upper bound"},
        {"ns3::ClosFabric", "InterStageConnectorLoss", "0", "-0.001", "", "", "no upper bound"},
        {"ns3::SlottedCircuitScheduler",
         "SlotTime",
         "1ns",
         "0ns",
         "",
         "",
         "no upper bound",
         "ns3::RotorCircuitScheduler"},
        {"ns3::RotorCircuitScheduler", "GuardTime", "0ns", "-1ns", "", "", "no upper bound"},
        {"ns3::WavelengthRoutedCircuitScheduler",
         "TuningTime",
         "0ns",
         "-1ns",
         "",
         "",
         "no upper bound"},
        {"ns3::PacketLink", "DataRate", "1bps", "0bps", "", "", "no upper bound"},
        {"ns3::PacketLink", "Delay", "0ns", "-1ns", "", "", "no upper bound"},
        {"ns3::PacketSwitch", "NumPorts", "1", "0", "65535", "65536", ""},
        {"ns3::PacketSwitch", "BufferBytes", "1", "0", "18446744073709551615", "", "uint64"},
        {"ns3::PacketSwitch", "ForwardingLatency", "0ns", "-1ns", "", "", "no upper bound"},
        {"ns3::PacketSwitch", "FailureDetectionTime", "0ns", "-1ns", "", "", "no upper bound"},
        {"ns3::PacketSwitch", "Seed", "0", "", "4294967295", "4294967296", ""},
        {"ns3::PacketSwitch", "SharedAlpha", "1e-09", "0", "", "", "no upper bound"},
        {"ns3::PacketSwitch",
         "SharedReservedBytes",
         "1",
         "0",
         "18446744073709551615",
         "",
         "uint64"},
        {"ns3::PacketSwitch", "PfcHeadroomBytes", "1", "0", "18446744073709551615", "", "uint64"},
        {"ns3::PacketSwitch", "PfcXoffBytes", "1", "0", "18446744073709551615", "", "uint64"},
        {"ns3::PacketSwitch", "PfcXonBytes", "0", "", "", "", "<= PfcXoffBytes, at wiring"},
        {"ns3::PacketTransceiver", "Latency", "0ns", "-1ns", "", "", "no upper bound"},
        {"ns3::PacketSwitch", "AsicPowerWatts", "0", "-0.001", "", "", "no upper bound"},
        {"ns3::PacketSwitch",
         "AsicEnergyPerBitPicojoules",
         "0",
         "-0.001",
         "",
         "",
         "no upper bound"},
        {"ns3::FabricCostModel", "TransceiverPriceUsd", "0", "-0.001", "", "", "no upper bound"},
        {"ns3::FabricCostModel", "SwitchPortPriceUsd", "0", "-0.001", "", "", "no upper bound"},
        {"ns3::FabricCostModel", "CrossbarPortPriceUsd", "0", "-0.001", "", "", "no upper bound"},
        {"ns3::FabricCostModel", "FiberPriceUsdPerMeter", "0", "-0.001", "", "", "no upper bound"},
        {"ns3::FabricCostModel",
         "LinkInstallationPriceUsd",
         "0",
         "-0.001",
         "",
         "",
         "no upper bound"},
        {"ns3::FabricCostModel",
         "ElectricityPriceUsdPerKilowattHour",
         "0",
         "-0.001",
         "",
         "",
         "no upper bound"},
        {"ns3::PacketTransceiver", "PowerWatts", "0", "-0.001", "", "", "no upper bound"},
        {"ns3::PacketTransceiver", "EnergyPerBit", "0", "-0.001", "", "", "no upper bound"},
        {"ns3::PacketNetDevice", "Mtu", "1", "0", "65535", "65536", ""},
        {"ns3::PacketNetDevice", "CellBytes", "0", "", "", "", "multiple of Mtu, at Attach"},
        {"ns3::PacketNetDevice", "HeaderBytes", "0", "", "65535", "65536", ""},
        {"ns3::PacketNetDevice", "MaxBurstBytes", "4096", "4095", "4294967281", "4294967282", ""},
        {"ns3::PacketNetDevice", "MaxQueueBytes", "1", "0", "18446744073709551615", "", "uint64"},
        {"ns3::CollectiveCommunicator", "ChunkBytes", "0", "", "", "", "uint64, 0 = whole"},
        {"ns3::CollectiveCommunicator", "NcclChannels", "1", "0", "", "", "lanes checked at run"},
        {"ns3::CollectiveCommunicator", "Root", "0", "", "", "", "< ranks, checked at run"},
        {"ns3::CollectiveCommunicator", "ReductionRate", "0bps", "", "", "", "0 = instantaneous"},
        {"ns3::CollectiveCommunicator", "Gap", "0ns", "-1ns", "", "", "no upper bound"},
        {"ns3::CollectiveCommunicator", "CreditLatency", "0ns", "-1ns", "", "", "no upper bound"},
        {"ns3::CollectiveCommunicator", "SendCredits", "0", "", "4294967295", "4294967296", ""},
        {"ns3::CollectiveCommunicator", "WarmUp", "false", "", "true", "maybe", "a bool"},
        {"ns3::CollectiveCommunicator", "FailureTimeout", "0ns", "-1ns", "", "", "no upper bound"},
        {"ns3::CollectiveCommunicator", "ShrinkTime", "0ns", "-1ns", "", "", "no upper bound"},
        {"ns3::CollectiveTransport", "ProtocolNumber", "0", "", "65535", "65536", ""},
        {"ns3::CollectiveTransport", "MaxSegmentBytes", "1", "0", "4294967295", "4294967296", ""},
        {"ns3::CollectiveApplication", "ReadWindow", "1", "0", "4294967295", "4294967296", ""},
        {"ns3::CollectiveApplication", "ReadOnDemand", "false", "", "true", "maybe", "a bool"},
        {"ns3::TrainingJob", "Iterations", "1", "0", "1000000000", "1000000001", ""},
        {"ns3::TrainingJob", "NumLayers", "1", "0", "100000", "100001", ""},
        {"ns3::TrainingJob", "LayerBytes", "4", "3", "", "", "uint64; multiple of 4 at Setup"},
        {"ns3::TrainingJob", "ForwardTime", "0ns", "-1ns", "", "", "no upper bound"},
        {"ns3::TrainingJob", "BackwardTime", "0ns", "-1ns", "", "", "no upper bound"},
        {"ns3::TrainingJob", "LayerForwardFlops", "0", "-0.001", "", "", "no upper bound"},
        {"ns3::TrainingJob", "AchievedTflops", "0.000001", "0", "", "", "no upper bound"},
        {"ns3::TrainingJob", "OptimizerTime", "0ns", "-1ns", "", "", "no upper bound"},
        {"ns3::TrainingJob", "BucketBytes", "4", "3", "", "", "uint64, no upper bound"},
        {"ns3::TrainingJob", "CheckpointInterval", "1", "", "1000000000", "", "0, > 1e9 at Setup"},
        {"ns3::TrainingJob", "CheckpointTime", "0ns", "", "", "", "negative refused at Setup"},
        {"ns3::TrainingJob", "RestartTime", "0ns", "", "", "", "negative refused at Setup"},
        {"ns3::TrainingJob", "FailureRate", "0", "", "3600000000", "", "others refused at Setup"},
        {"ns3::TrainingJob", "MaxRestarts", "0", "", "4294967295", "4294967296", ""},
        {"ns3::TrainingVariability", "JitterSigma", "0", "-0.001", "2", "2.001", ""},
        {"ns3::TrainingVariability", "StragglerFraction", "0", "-0.001", "1", "1.001", ""},
        {"ns3::TrainingVariability", "StragglerSlowdown", "1", "0.999", "100", "100.001", ""},
        {"ns3::TrainingVariability", "FailSlowRate", "0", "-0.001", "3600000", "3600000.01", ""},
        {"ns3::TrainingVariability", "FailSlowDuration", "1ns", "0ns", "", "", "no upper bound"},
        {"ns3::TrainingVariability", "FailSlowSlowdown", "1", "0.999", "100", "100.001", ""},
    };
    return ranges;
}

/// @return a fresh object of the type, with the attribute set (fatal if refused)
Ptr<Object>
MakeWith(const std::string& type, const std::string& attribute, const std::string& value)
{
    ObjectFactory factory(type);
    Ptr<Object> object = factory.Create();
    object->SetAttribute(attribute, StringValue(value));
    return object;
}

/// Valid edges are accepted; invalid ones stop with a message naming the attribute.
class EdgesTestCase : public TestCase
{
  public:
    /// @param range the attribute's range
    explicit EdgesTestCase(Range range)
        : TestCase(range.type + "::" + range.attribute),
          m_range(std::move(range))
    {
    }

  private:
    void DoRun() override
    {
        for (const std::string& v : {m_range.lowValid, m_range.highValid})
        {
            if (v.empty())
            {
                continue;
            }
            ObjectFactory factory(Concrete());
            Ptr<Object> object = factory.Create();
            NS_TEST_ASSERT_MSG_EQ(object->SetAttributeFailSafe(m_range.attribute, StringValue(v)),
                                  true,
                                  m_range.attribute << " = " << v << " should be valid");
            StringValue back;
            NS_TEST_EXPECT_MSG_EQ(object->GetAttributeFailSafe(m_range.attribute, back),
                                  true,
                                  m_range.attribute << " can be read back");
        }
        for (const std::string& v : {m_range.lowInvalid, m_range.highInvalid})
        {
            if (v.empty())
            {
                continue;
            }
            std::string detail;
            const std::string type = Concrete();
            const std::string attribute = m_range.attribute;
            const bool fatal = ExpectFatal([type, attribute, v]() { MakeWith(type, attribute, v); },
                                           {attribute},
                                           detail);
            NS_TEST_EXPECT_MSG_EQ(fatal,
                                  true,
                                  attribute << " = " << v << " must stop with a message naming "
                                            << attribute << ": " << detail);
        }
    }

    /// @return the TypeId to create
    std::string Concrete() const
    {
        return m_range.create.empty() ? m_range.type : m_range.create;
    }

    Range m_range; //!< under test
};

/// Every numeric attribute of the module has a row above.
class CompletenessTestCase : public TestCase
{
  public:
    CompletenessTestCase()
        : TestCase("every numeric scale-across attribute has its range tested")
    {
    }

  private:
    void DoRun() override
    {
        std::set<std::string> listed;
        for (const Range& r : Ranges())
        {
            listed.insert(r.type + "::" + r.attribute);
        }
        const std::set<std::string> numeric = {"ns3::UintegerValue",
                                               "ns3::IntegerValue",
                                               "ns3::DoubleValue",
                                               "ns3::TimeValue",
                                               "ns3::DataRateValue"};
        std::ostringstream missing;
        uint32_t checked = 0;
        for (uint16_t i = 0; i < TypeId::GetRegisteredN(); ++i)
        {
            const TypeId tid = TypeId::GetRegistered(i);
            if (tid.GetGroupName() != "ScaleAcross")
            {
                continue;
            }
            for (std::size_t a = 0; a < tid.GetAttributeN(); ++a)
            {
                const TypeId::AttributeInformation info = tid.GetAttribute(a);
                if (numeric.count(info.checker->GetValueTypeName()) == 0)
                {
                    continue;
                }
                ++checked;
                const std::string key = tid.GetName() + "::" + info.name;
                if (listed.count(key) == 0)
                {
                    missing << " " << key;
                }
            }
        }
        NS_TEST_EXPECT_MSG_GT(checked, 20, "the module's TypeIds were found");
        NS_TEST_EXPECT_MSG_EQ(missing.str(), "", "numeric attributes without a range row");
    }
};

/// The suite.
class AttributeRangesTestSuite : public TestSuite
{
  public:
    AttributeRangesTestSuite()
        : TestSuite("scale-across-attribute-ranges", TestSuite::Type::UNIT)
    {
        AddTestCase(new CompletenessTestCase());
        for (const Range& r : Ranges())
        {
            AddTestCase(new EdgesTestCase(r));
        }
    }
};

/// Static instance registering the suite.
AttributeRangesTestSuite g_attributeRangesTestSuite;

} // namespace
