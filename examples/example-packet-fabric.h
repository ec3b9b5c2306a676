/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_EXAMPLE_PACKET_FABRIC_H
#define SCALE_ACROSS_EXAMPLE_PACKET_FABRIC_H

#include "ns3/command-line.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

class PacketSwitch;

/**
 * @brief The electrical fabrics of an example program (--fabric=leafspine or fattree): their
 * command-line options, their checks before anything runs, and their construction at the
 * optical NIC's per-endpoint rate.
 *
 * Not part of the library: compiled into the examples that offer the electrical fabrics,
 * like ExampleArguments. Every wrong value stops the program with one line naming the value,
 * the option and what is valid (ExampleArguments::Fail), before any simulation is built, so
 * the helpers' own aborts are never the user's first message.
 *
 * @code
 *   ExamplePacketFabric electrical("my-example");
 *   electrical.AddOptions(cmd);
 *   ExampleArguments::CheckUnsigned(argc, argv, "my-example", ExamplePacketFabric::Limits());
 *   cmd.Parse(argc, argv);
 *   electrical.Check(argc, argv, fabrics, ranks);
 *   std::string line;
 *   NetDeviceContainer devices = electrical.Install("fattree", nodes, wavelengths, line);
 * @endcode
 */
class ExamplePacketFabric
{
  public:
    /// @param program name printed first on error lines
    explicit ExamplePacketFabric(std::string program);

    /// @param fabric a --fabric name @return true for leafspine and fattree
    static bool IsElectrical(const std::string& fabric);

    /// @return the unsigned options and their largest values, for
    ///         ExampleArguments::CheckUnsigned (radix, k, cellBytes)
    static std::vector<std::pair<std::string, uint64_t>> Limits();

    /**
     * @brief Add --radix, --oversubscription, --k, --cellBytes and --routing.
     * @param cmd the example's command line
     */
    void AddOptions(CommandLine& cmd);

    /**
     * @brief After CommandLine::Parse: check every electrical option against the fabrics
     * asked for and the ranks (options without effect are refused), choose the radix and k
     * left at 0, and stop with one line on the first wrong value.
     * @param argc main's argc
     * @param argv main's argv
     * @param fabrics the --fabric names asked for
     * @param ranks --ranks
     */
    void Check(int argc, char* argv[], const std::vector<std::string>& fabrics, uint32_t ranks);

    /**
     * @brief Build one electrical fabric over the nodes, every link at wavelengths x 1.6 Tb/s
     * (PacketFabricHelper::MatchOpticalNic). Call Check first.
     * @param fabric leafspine or fattree
     * @param nodes the ranks, in order
     * @param wavelengths the optical NIC's wavelengths
     * @param description set to one line describing the fabric, for table headers
     * @param switches if not null, set to the fabric's switches, in the helper's order
     * @return the host devices, in the order of nodes
     */
    NetDeviceContainer Install(const std::string& fabric,
                               const NodeContainer& nodes,
                               uint32_t wavelengths,
                               std::string& description,
                               std::vector<Ptr<PacketSwitch>>* switches = nullptr) const;

  private:
    /// Stop with one line. @param message what is wrong and what is valid
    [[noreturn]] void Fail(const std::string& message) const;
    /// Parse --oversubscription strictly (a whole text that is a finite number >= 1).
    void CheckOversubscription();
    /// Check --radix with the ranks, or choose the smallest that holds them. @param ranks ranks
    void ChooseRadix(uint32_t ranks);
    /// Check --k with the ranks, or choose the smallest that holds them. @param ranks ranks
    void ChooseK(uint32_t ranks);
    /**
     * @brief Check that a cell fits a switch port's share of the buffer.
     * @param fabric the fabric's name
     * @param ports the switches' ports
     */
    void CheckCell(const std::string& fabric, uint32_t ports) const;

    std::string m_program;          //!< name on error lines
    uint32_t m_radix{0};            //!< --radix (0: chosen by Check)
    std::string m_oversubscription; //!< --oversubscription, as given
    double m_ratio{1};              //!< --oversubscription, parsed
    uint32_t m_k{0};                //!< --k (0: chosen by Check)
    uint32_t m_cellBytes{0};        //!< --cellBytes (0: one cell per Mtu-sized packet)
    std::string m_routing;          //!< --routing
};

} // namespace ns3

#endif /* SCALE_ACROSS_EXAMPLE_PACKET_FABRIC_H */
