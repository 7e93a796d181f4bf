#!/usr/bin/env bash
# Builds the real Kubernetes control-plane binaries from the official Go sources:
#   kube-apiserver, kube-controller-manager, kubectl  (k8s.io/kubernetes, staging modules replaced
#   by their published v0.<minor>.<patch> tags, the list generated from Kubernetes' own go.mod)
#   etcd                                               (go.etcd.io/etcd/server/v3 through a wrapper module)
# into ${KUBE_API_TEST_DIR:-~/.kubeapitest}/k8s/<version>-linux-amd64/, where io.fabric8:kube-api-test
# looks for them in offline mode. Idempotent: a binary that exists and reports the right version is
# kept. The tools modules live in hack/kube/{kubebins,etcdbin}; their go.mod/go.sum are committed, so a
# rebuild resolves exactly the same module versions.
set -euo pipefail

K8S_VERSION="${K8S_VERSION:-1.36.3}"
ETCD_VERSION="${ETCD_VERSION:-3.6.16}"
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}/k8s/${K8S_VERSION}-linux-amd64"
STAGING="v0.${K8S_VERSION#1.}"
MINOR="$(echo "$K8S_VERSION" | cut -d. -f2)"
export CGO_ENABLED=0 GOFLAGS="${GOFLAGS:--buildvcs=false}"

START=$(date +%s)
step() { echo "[kube-binaries $(( $(date +%s) - START ))s] $*"; }
die() { echo "kube-binaries: $*" >&2; exit 1; }

command -v go >/dev/null || die "go is not on the PATH (Go 1.26+ is needed to build the control plane)"
mkdir -p "$OUT"

has_version() { # binary expected-substring (output captured first: grep -q under pipefail can
  local out                                 # SIGPIPE the binary and fail a good check)
  [ -x "$1" ] && out="$("$1" --version 2>/dev/null)" && [[ "$out" == *"$2"* ]]
}
kube_ok() {
  has_version "$OUT/kube-apiserver" "v$K8S_VERSION" &&
  has_version "$OUT/kube-controller-manager" "v$K8S_VERSION" &&
  [ -x "$OUT/kubectl" ] && [[ "$("$OUT/kubectl" version --client 2>/dev/null)" == *"v$K8S_VERSION"* ]]
}
# kube-api-test starts etcd with --listen-client-urls http://0.0.0.0:<port>; the etcd in $OUT is a
# wrapper that rewrites 0.0.0.0 to 127.0.0.1, so the test control plane binds to loopback only. The
# real binary lives outside k8s/ (kube-api-test parses every directory there as a version).
ETCD_REAL="${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}/etcd/$ETCD_VERSION/etcd"
etcd_ok() { has_version "$ETCD_REAL" "$ETCD_VERSION" && has_version "$OUT/etcd" "$ETCD_VERSION"; }

if kube_ok && etcd_ok; then
  step "all binaries present in $OUT (kube v$K8S_VERSION, etcd v$ETCD_VERSION)"
  exit 0
fi

fetch() { # module@version: fails naming the module the proxy refused
  go mod download -json "$1" >/tmp/kube-binaries-dl.json 2>&1 || {
    cat /tmp/kube-binaries-dl.json >&2; die "the Go module proxy refused $1"; }
}

if ! kube_ok; then
  cd "$HERE/kube/kubebins"
  if [ ! -f go.mod ] || ! grep -q "k8s.io/kubernetes v$K8S_VERSION" go.mod; then
    step "resolving k8s.io/kubernetes@v$K8S_VERSION (staging replaces at $STAGING)"
    rm -f go.mod go.sum
    go mod init example.invalid/kubebins >/dev/null 2>&1
    fetch "k8s.io/kubernetes@v$K8S_VERSION"
    GOMOD=$(sed -n 's/.*"GoMod": "\([^"]*\)".*/\1/p' /tmp/kube-binaries-dl.json)
    [ -f "$GOMOD" ] || die "no go.mod downloaded for k8s.io/kubernetes@v$K8S_VERSION"
    for m in $(sed -n 's|^[[:space:]]*\(k8s.io/[^ ]*\) => \./staging/src/.*|\1|p' "$GOMOD"); do
      go mod edit -replace="$m=$m@$STAGING"
    done
    GD=$(sed -n 's/^godebug[[:space:]]\+\(.*\)$/\1/p' "$GOMOD" | tr -d '()' | xargs)
    for g in $GD; do go mod edit -godebug="$g"; done
    cat > tools.go <<'GO'
//go:build tools

// Package tools pins the Kubernetes commands this module builds.
package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
GO
    go get "k8s.io/kubernetes@v$K8S_VERSION" || die "go get k8s.io/kubernetes@v$K8S_VERSION failed (see above for the module the proxy refused)"
    go mod tidy || die "go mod tidy failed for k8s.io/kubernetes@v$K8S_VERSION"
  fi
  step "downloading modules for kube v$K8S_VERSION"
  go mod download || die "module download failed (see above for the module)"
  LD="-s -w"
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    LD="$LD -X $p.gitVersion=v$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$MINOR"
  done
  step "building kube-apiserver, kube-controller-manager, kubectl v$K8S_VERSION"
  go build -trimpath -ldflags "$LD" -o "$OUT/" \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kubectl
  kube_ok || die "built binaries do not report v$K8S_VERSION"
  step "kube binaries ready"
fi

if ! etcd_ok; then
  cd "$HERE/kube/etcdbin"
  if [ ! -f go.mod ] || ! grep -q "go.etcd.io/etcd/server/v3 v$ETCD_VERSION" go.mod; then
    step "resolving go.etcd.io/etcd/server/v3@v$ETCD_VERSION"
    rm -f go.mod go.sum
    go mod init example.invalid/etcdbin >/dev/null 2>&1
    cat > tools.go <<'GO'
//go:build tools

// Package tools pins the etcd server this module builds.
package tools

import _ "go.etcd.io/etcd/server/v3"
GO
    go get "go.etcd.io/etcd/server/v3@v$ETCD_VERSION" || die "the Go module proxy refused go.etcd.io/etcd/server/v3@v$ETCD_VERSION"
    go mod tidy || die "go mod tidy failed for etcd"
  fi
  if ! has_version "$ETCD_REAL" "$ETCD_VERSION"; then
    step "building etcd v$ETCD_VERSION"
    mkdir -p "$(dirname "$ETCD_REAL")"
    go build -trimpath -ldflags "-s -w" -o "$ETCD_REAL" go.etcd.io/etcd/server/v3
  fi
  cat > "$OUT/etcd" <<WRAP
#!/bin/sh
# Written by hack/kube-binaries.sh: etcd $ETCD_VERSION bound to 127.0.0.1 (kube-api-test asks for 0.0.0.0).
for a do
  shift
  set -- "\$@" "\$(printf '%s' "\$a" | sed 's#//0\.0\.0\.0:#//127.0.0.1:#g')"
done
exec "$ETCD_REAL" "\$@"
WRAP
  chmod +x "$OUT/etcd"
  etcd_ok || die "built etcd does not report $ETCD_VERSION"
  step "etcd ready"
fi

step "done: $(ls "$OUT" | xargs) in $OUT ($(du -sh "$OUT" | cut -f1))"
