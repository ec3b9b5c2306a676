/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Doxygen groups of the module, one per folder of model/ and helper/ (documentation only;
// ns-3's Doxygen configuration reads every header under contrib/).

/**
 * @defgroup scale-across scale-across
 * @brief Optical "scale-across" fabrics for AI training clusters, and NCCL-like collectives
 * over any NetDevice. See doc/scale-across.rst.
 */

/**
 * @defgroup scale-across-common Common
 * @ingroup scale-across
 * @brief What every fabric shares: byte counters and the one conservation check, drop
 * reasons, the flow tag, small containers (model/common/).
 */

/**
 * @defgroup scale-across-schedule Collective schedules
 * @ingroup scale-across
 * @brief Collective algorithms as plain C++, and their registry (model/schedule/; no ns-3).
 */

/**
 * @defgroup scale-across-circuit Circuits
 * @ingroup scale-across
 * @brief Circuit state, the switch interface schedulers drive, and the circuit schedulers
 * (model/circuit/).
 */

/**
 * @defgroup scale-across-optical Optical fabric
 * @ingroup scale-across
 * @brief Coherent transceiver, fiber, optical NIC and photonic crossbar (model/optical/).
 */

/**
 * @defgroup scale-across-electrical Electrical baseline
 * @ingroup scale-across
 * @brief Packet fabrics to compare with: host NIC, output-queued packet switch and link, with
 * credit-based lossless flow control (model/electrical/).
 */

/**
 * @defgroup scale-across-collective Collectives
 * @ingroup scale-across
 * @brief Transport, communicator and application of NCCL-like collectives over any NetDevice
 * (model/collective/).
 */

/**
 * @defgroup scale-across-energy Power, energy and cost
 * @ingroup scale-across
 * @brief A fabric's power, energy over an interval and capital cost, device by device, and the
 * technology presets behind them (model/energy/).
 */

/**
 * @defgroup scale-across-fault Faults
 * @ingroup scale-across
 * @brief Which parts faults keep down and the injector that fails and repairs them at given or
 * random times (model/fault/); FaultHelper in helper/.
 */

/**
 * @defgroup scale-across-helper Helpers
 * @ingroup scale-across
 * @brief Build fabrics, install collectives, plan circuits, report and plot (helper/).
 */
