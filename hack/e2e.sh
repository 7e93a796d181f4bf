#!/usr/bin/env bash
# The real-control-plane tier: builds (or finds) etcd, kube-apiserver, kube-controller-manager and
# kubectl from the Go sources (hack/kube-binaries.sh), then runs every *E2E class against them
# (Maven profile e2e: kube-api-test in offline mode, one control plane per test class).
#   hack/e2e.sh                       all E2E classes
#   hack/e2e.sh -Dtest=CrdE2E         one class (any Maven arguments are passed on)
set -euo pipefail
cd "$(dirname "$0")/.."
START=$(date +%s)
bash hack/kube-binaries.sh
echo "[e2e] binaries ready after $(( $(date +%s) - START ))s; running the E2E suite"
export KUBE_API_TEST_OFFLINE_MODE=true
export KUBE_API_TEST_API_SERVER_VERSION="${K8S_VERSION:-1.36.3}"
mvn -B -Pe2e verify "$@"
echo "[e2e] done in $(( $(date +%s) - START ))s"
