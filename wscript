# SPDX-License-Identifier: GPL-2.0-only
# -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-
#
# waf build for ns-3 releases up to 3.35. CMakeLists.txt is the source of truth; the suite
# scale-across-build-lists fails if these lists drift from it.


def build(bld):
    module = bld.create_ns3_module(
        'scale-across', ['core', 'network', 'stats', 'internet', 'applications', 'flow-monitor',
                      'point-to-point'])
    module.source = [
        'model/common/byte-conservation.cc',
        'model/common/byte-counters.cc',
        'model/common/drop-reason.cc',
        'model/common/fabric-flow-tag.cc',
        'model/schedule/binary-tree.cc',
        'model/schedule/broadcast-schedule.cc',
        'model/schedule/collective-algorithm-registry.cc',
        'model/schedule/collective-schedule.cc',
        'model/schedule/double-binary-tree-schedule.cc',
        'model/schedule/halving-doubling-schedule.cc',
        'model/schedule/pairwise-all-to-all-schedule.cc',
        'model/schedule/ring-schedule.cc',
        'model/circuit/circuit-scheduler.cc',
        'model/circuit/circuit-switch.cc',
        'model/circuit/crossbar-port-table.cc',
        'model/circuit/crossbar-technology.cc',
        'model/circuit/on-demand-circuit-scheduler.cc',
        'model/circuit/rotor-circuit-scheduler.cc',
        'model/circuit/rotor-cycle.cc',
        'model/circuit/slotted-circuit-scheduler.cc',
        'model/circuit/static-circuit-scheduler.cc',
        'model/circuit/wavelength-routed-circuit-scheduler.cc',
        'model/optical/coherent-transceiver.cc',
        'model/optical/crossbar-endpoint.cc',
        'model/optical/optical-channel.cc',
        'model/optical/optical-net-device.cc',
        'model/optical/optical-physics.cc',
        'model/optical/photonic-crossbar.cc',
        'model/optical/virtual-output-queues.cc',
        'model/collective/collective-application.cc',
        'model/collective/collective-communicator.cc',
        'model/collective/collective-header.cc',
        'model/collective/collective-result.cc',
        'model/collective/collective-transport.cc',
        'helper/collective-circuit-helper.cc',
        'helper/collective-helper.cc',
        'helper/collective-progress.cc',
        'helper/gnuplot-writer.cc',
        'helper/optical-fabric-helper.cc',
    ]

    module_test = bld.create_ns3_module_test_library('scale-across')
    module_test.source = [
        'test/scale-across-test-fixture.cc',
        'test/collective-test-fixture.cc',
        'test/collective/collective-bad-input-test-suite.cc',
        'test/collective/collective-closed-form-test-suite.cc',
        'test/collective/collective-p2p-test-suite.cc',
        'test/collective/collective-protocol-test-suite.cc',
        'test/collective/ring-closed-form-test-suite.cc',
        'test/collective/scale-smoke-test-suite.cc',
        'test/common/attribute-ranges-test-suite.cc',
        'test/common/build-lists-test-suite.cc',
        'test/common/byte-conservation-test-suite.cc',
        'test/common/trace-paths-test-suite.cc',
        'test/optical/optical-bad-input-test-suite.cc',
        'test/optical/optical-contention-test-suite.cc',
        'test/optical/optical-determinism-test-suite.cc',
        'test/optical/optical-drop-test-suite.cc',
        'test/optical/optical-ipv4-test-suite.cc',
        'test/optical/optical-tracing-test-suite.cc',
        'test/optical/optical-transfer-test-suite.cc',
    ]

    headers = bld(features='ns3header')
    headers.module = 'scale-across'
    headers.source = [
        'model/common/byte-conservation.h',
        'model/common/byte-counters.h',
        'model/common/compact-fifo.h',
        'model/common/drop-reason.h',
        'model/common/fabric-flow-tag.h',
        'model/schedule/binary-tree.h',
        'model/schedule/broadcast-schedule.h',
        'model/schedule/collective-algorithm-registry.h',
        'model/schedule/collective-schedule.h',
        'model/schedule/double-binary-tree-schedule.h',
        'model/schedule/halving-doubling-schedule.h',
        'model/schedule/pairwise-all-to-all-schedule.h',
        'model/schedule/ring-schedule.h',
        'model/circuit/circuit-scheduler.h',
        'model/circuit/circuit-switch.h',
        'model/circuit/crossbar-port-table.h',
        'model/circuit/crossbar-technology.h',
        'model/circuit/on-demand-circuit-scheduler.h',
        'model/circuit/rotor-circuit-scheduler.h',
        'model/circuit/rotor-cycle.h',
        'model/circuit/slotted-circuit-scheduler.h',
        'model/circuit/static-circuit-scheduler.h',
        'model/circuit/wavelength-routed-circuit-scheduler.h',
        'model/optical/coherent-transceiver.h',
        'model/optical/crossbar-endpoint.h',
        'model/optical/optical-channel.h',
        'model/optical/optical-net-device.h',
        'model/optical/optical-physics.h',
        'model/optical/photonic-crossbar.h',
        'model/optical/virtual-output-queues.h',
        'model/collective/collective-application.h',
        'model/collective/collective-communicator.h',
        'model/collective/collective-header.h',
        'model/collective/collective-result.h',
        'model/collective/collective-transport.h',
        'helper/collective-circuit-helper.h',
        'helper/collective-helper.h',
        'helper/collective-progress.h',
        'helper/gnuplot-writer.h',
        'helper/optical-fabric-helper.h',
    ]

    if bld.env.ENABLE_EXAMPLES:
        bld.recurse('examples')
