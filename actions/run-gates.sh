#!/usr/bin/env bash
# Runs the release-gates bundle with the runner's node, after checking its version.
# Inputs arrive as INPUT_* environment variables set by the composite step's `env:`;
# nothing is interpolated into this script. Usage: run-gates.sh [gate]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v node >/dev/null 2>&1; then
  echo "::error title=release-gates needs node::node was not found on PATH. Add actions/setup-node with node-version: 20 (or newer) before this step."
  exit 1
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 20 ]; then
  echo "::error title=release-gates needs node 20 or newer::found node $(node --version). Add actions/setup-node with node-version: 20 (or newer) before this step."
  exit 1
fi
exec node "$here/../dist/index.js" action "$@"
