#! /usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Examples that ns-3's test.py runs (in an ns-3 source tree).
# Each entry: ("example-name args", "condition to run", "condition to run under valgrind").

cpp_examples = [
    ("scale-across-simple --outputDir=scale-across-simple-output", "True", "True"),
    ("scale-across-allreduce --maxBytes=16777216 --outputDir=scale-across-allreduce-output", "True", "True"),
    ("scale-across-circuits --outputDir=scale-across-circuits-output", "True", "True"),
    ("scale-across-training --ranks=4,8 --iterations=4 --outputDir=scale-across-training-output", "True", "True"),
    ("scale-across-faults --instants=0.5 --jobSteps=40 --intervals=2,8 --seeds=1 --outputDir=scale-across-faults-output", "True", "True"),
    ("scale-across-power --endpoints=16,64,256 --reference=64 --simulateMax=16 --outputDir=scale-across-power-output", "True", "True"),
]

python_examples = []
