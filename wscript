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
        'helper/collective-helper.cc',
        'helper/collective-progress.cc',
        'helper/example-arguments.cc',
        'helper/gnuplot-writer.cc',
        'helper/optical-fabric-helper.cc',
        'model/binary-tree.cc',
        'model/broadcast-schedule.cc',
        'model/circuit-scheduler.cc',
        'model/coherent-transceiver.cc',
        'model/collective-application.cc',
        'model/collective-communicator.cc',
        'model/collective-header.cc',
        'model/collective-result.cc',
        'model/collective-schedule.cc',
        'model/collective-transport.cc',
        'model/crossbar-port-table.cc',
        'model/crossbar-technology.cc',
        'model/double-binary-tree-schedule.cc',
        'model/fabric-byte-ledger.cc',
        'model/halving-doubling-schedule.cc',
        'model/on-demand-circuit-scheduler.cc',
        'model/optical-channel.cc',
        'model/optical-drop-reason.cc',
        'model/optical-flow-tag.cc',
        'model/optical-net-device.cc',
        'model/optical-physics.cc',
        'model/pairwise-all-to-all-schedule.cc',
        'model/photonic-crossbar.cc',
        'model/ring-schedule.cc',
        'model/static-circuit-scheduler.cc',
        'model/virtual-output-queues.cc',
    ]

    module_test = bld.create_ns3_module_test_library('scale-across')
    module_test.source = [
        'test/scale-across-test-fixture.cc',
        'test/build-lists-test-suite.cc',
        'test/optical-transfer-test-suite.cc',
        'test/optical-contention-test-suite.cc',
        'test/optical-drop-test-suite.cc',
        'test/optical-determinism-test-suite.cc',
        'test/optical-bad-input-test-suite.cc',
        'test/optical-ipv4-test-suite.cc',
        'test/optical-tracing-test-suite.cc',
        'test/collective-test-fixture.cc',
        'test/ring-closed-form-test-suite.cc',
        'test/collective-closed-form-test-suite.cc',
        'test/collective-p2p-test-suite.cc',
        'test/collective-protocol-test-suite.cc',
        'test/collective-bad-input-test-suite.cc',
        'test/scale-smoke-test-suite.cc',
        'test/attribute-ranges-test-suite.cc',
    ]

    headers = bld(features='ns3header')
    headers.module = 'scale-across'
    headers.source = [
        'helper/collective-helper.h',
        'helper/collective-progress.h',
        'helper/example-arguments.h',
        'helper/gnuplot-writer.h',
        'helper/optical-fabric-helper.h',
        'model/binary-tree.h',
        'model/broadcast-schedule.h',
        'model/circuit-scheduler.h',
        'model/coherent-transceiver.h',
        'model/collective-application.h',
        'model/collective-communicator.h',
        'model/collective-header.h',
        'model/collective-result.h',
        'model/collective-schedule.h',
        'model/collective-transport.h',
        'model/compact-fifo.h',
        'model/crossbar-port-table.h',
        'model/crossbar-technology.h',
        'model/double-binary-tree-schedule.h',
        'model/fabric-byte-ledger.h',
        'model/halving-doubling-schedule.h',
        'model/on-demand-circuit-scheduler.h',
        'model/optical-channel.h',
        'model/optical-drop-reason.h',
        'model/optical-flow-tag.h',
        'model/optical-net-device.h',
        'model/optical-physics.h',
        'model/pairwise-all-to-all-schedule.h',
        'model/photonic-crossbar.h',
        'model/ring-schedule.h',
        'model/static-circuit-scheduler.h',
        'model/virtual-output-queues.h',
    ]

    if bld.env.ENABLE_EXAMPLES:
        bld.recurse('examples')
