#!/usr/bin/env bash
# Installs what Gyre's tests drive besides .NET, only what is missing (idempotent, quiet when all is there):
#   - Debian's PostgreSQL server binaries (the tests start their own throw-away cluster on 127.0.0.1),
#   - Node.js + npm, and in tools/node the npm MLflow client, the s3rver S3-compatible server, onnxruntime-node
#     and playwright-core (drives Debian's Chromium in the web UI tests; it downloads no browser),
#   - Debian's Prometheus (the serving tests start their own instance to scrape `gyre serve`),
#   - Debian's Chromium (headless: the HTML reports are checked in a real browser).
#   - Debian's python3-onnx (tests build ONNX models outside Gyre with onnx.helper and import them).
# Needs root (or sudo) for apt-get only when a Debian package is missing.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
[[ -x /usr/bin/prometheus ]] || missing+=(prometheus)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
/usr/bin/python3 -c "import onnx, numpy" 2>/dev/null || missing+=(python3-onnx python3-numpy)
if ((${#missing[@]})); then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
  # The tests run their own Prometheus and PostgreSQL; don't leave Debian's default services running.
  if [[ " ${missing[*]} " == *" prometheus "* ]]; then
    "${sudo_cmd[@]}" service prometheus stop >/dev/null 2>&1 || true
  fi
  if [[ " ${missing[*]} " == *" postgresql "* ]] && command -v pg_lsclusters >/dev/null; then
    pg_lsclusters -h 2>/dev/null | while read -r version name _; do
      "${sudo_cmd[@]}" pg_ctlcluster "$version" "$name" stop 2>/dev/null || true
    done
  fi
fi

node_tools="$repo/tools/node"
if [[ ! -d "$node_tools/node_modules/mlflow" || ! -d "$node_tools/node_modules/s3rver" || ! -d "$node_tools/node_modules/onnxruntime-node" \
      || ! -d "$node_tools/node_modules/playwright-core" \
      || "$node_tools/package-lock.json" -nt "$node_tools/node_modules/.package-lock.json" ]]; then
  echo "Installing test tools with npm (tools/node)"
  (cd "$node_tools" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
