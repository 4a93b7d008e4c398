#!/usr/bin/env bash
# Text-only learning probe of the world model (VlmConfig.world, lr 1e-3, batch 64): "is q in a b c ?" with 3 of 8
# items shown. Prints the loss every 50 steps and the held-out accuracy after STEPS steps (default 600).
# Set PROBE_COPY=1 to ask for the queried item instead (pure content routing: learnt in ~100 steps).
# With GPT-2's 0.02 initialisation membership stayed at chance for 2,200 steps; with the fan-in initialisation
# WorldVlm.create uses now it reaches 100 % in about 250 (docs/CALIBRATION.md, third round).
# Usage: bench/membership-probe.sh [STEPS]
set -euo pipefail
CALIBRATION_MAIN=org.vapr.cli.calibration.MatchProbe exec "$(dirname "$0")/calibrate-world.sh" "$@"
