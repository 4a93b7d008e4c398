#!/usr/bin/env bash
# Calibration harness of the world demo: synthesize a world, SFT a fresh world model for a fixed number of epochs,
# evaluate held-out POPE (official parser) and held-out short existence/counting/color questions.
# Usage: bench/calibrate-world.sh [key=value ...]   e.g.  difficulty=demo samples=1500 epochs=3 out=bench/out/cal-demo
# Keys: out samples difficulty(standard|demo) yes image patch d layers heads ffn vision lr batch epochs threads seed
#       pope(held-out POPE scenes) eval(held-out world scenes) fresh(re-synthesize) group(1|0 length grouping)
#       only(train on these categories, e.g. only=existence,color) match(and on questions matching this regex)
# Prints the training loss every 50 steps, held-out accuracy per category and object count (and for the questions
# matching `match=`), then one line "CALIBRATION {json}" with steps, wall times, per-category accuracy, POPE
# acc/F1/yes-ratio and pope_auc.
# bench/membership-probe.sh is the text-only check that the model can compare one part of its input with another
# (it runs through this script with CALIBRATION_MAIN set).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [[ ! -f vapr-cli/target/vapr.jar || ! -d vapr-cli/target/test-classes/org/vapr/cli/calibration ]]; then
  mvn -B -q -o install -DskipTests && mvn -B -q -o test-compile -pl vapr-cli
fi
. etc/native-env.sh
exec "$JAVA_HOME/bin/java" -XX:+UseSerialGC -cp vapr-cli/target/vapr.jar:vapr-cli/target/test-classes \
  "${CALIBRATION_MAIN:-org.vapr.cli.calibration.WorldCalibration}" "$@"
