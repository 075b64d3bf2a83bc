#!/bin/bash
# Round-2 queue: runs train.py configs one after another (never in parallel), each into logs/NAME.log.
# Between runs, if the CPU is quiet (pressure avg10 < QUIET, i.e. nobody waits for a core), measure the
# uncontended 1-vs-2-thread throughput of S3's model once more (logs/r2_throughput_quiet.log, appended).
# Usage: tools/recipe/run_r2.sh "NAME key=value ..." ["NAME key=value ..." ...]
cd "$(dirname "$0")"
QUIET=${QUIET:-15}
S3="steps=835 lr=0.6 scale_lo=0.2 uncontended=375"
quiet_check() {
  p=$(awk 'NR==1{split($2,a,"=");print int(a[2])}' /proc/pressure/cpu)
  if [ "$p" -lt "$QUIET" ]; then
    echo "== $(date +%H:%M:%S) quiet (pressure avg10 $p)" >> logs/r2_throughput_quiet.log
    /usr/bin/python3 throughput_r2.py 5 3 "threads=2" "w=0.375" "pairs=64" "arch=r10" >> logs/r2_throughput_quiet.log 2>&1
  fi
}
for spec in "$@"; do
  quiet_check
  name=${spec%% *}; args=${spec#"$name"}
  echo "$(date +%H:%M:%S) start $name:$args" >> logs/r2_queue.log
  /usr/bin/python3 train.py $name $S3 $args > logs/$name.log 2>&1
  echo "$(date +%H:%M:%S) done $name: $(grep -o '"linear": [0-9.]*, "linear_r1": [0-9.]*, "knn": [0-9.]*' logs/$name.log)" >> logs/r2_queue.log
done
