#!/usr/bin/env bash
# Captures a bounded number of node-exporter scrapes into one gzip file for the chunk size measurement.
# Usage: capture-node-exporter.sh [SCRAPES] [PORT] [OUTPUT]
# Each scrape is preceded by a marker line "# SCRAPE <unix milliseconds>"; being a comment, it is also
# harmless to any text-format reader. Only the first scrape keeps its # HELP / # TYPE lines: without them a
# scrape fits in gzip's 32 KiB window, so each compresses against the previous one.
set -euo pipefail
scrapes=${1:-240}
port=${2:-38975}
out=${3:-node-exporter.prom.gz}

/usr/bin/prometheus-node-exporter --web.listen-address=127.0.0.1:"$port" >/dev/null 2>&1 &
exporter=$!
trap 'kill "$exporter"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/metrics" >/dev/null && break; sleep 0.1; done

tmp=$(mktemp)
for ((i = 0; i < scrapes; i++)); do
  echo "# SCRAPE $(date +%s%3N)" >>"$tmp"
  curl -sf "http://127.0.0.1:$port/metrics" >>"$tmp"
  sleep 1
done
awk '/^# SCRAPE / { scrapes++ } scrapes == 1 || !/^# (HELP|TYPE) / { print }' "$tmp" | gzip -9 >"$out"
rm -f "$tmp"
