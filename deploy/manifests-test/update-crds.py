#!/usr/bin/env python3
"""Writes src/test/resources/crds/: the openAPIV3Schema of each custom resource version the manifests
use, taken from the operators' own CRD files, without descriptions (they are most of the size).

Usage: update-crds.py NAME=/path/to/a/checkout ...   (e.g. strimzi=~/src/strimzi-kafka-operator)
Each checkout at the tag named in SOURCES below. No Maven Central or npm artifact carries these CRDs
(io.strimzi:api 1.2.0 holds classes only), so they are committed; ManifestsTest reads them offline.
"""
import re
import subprocess
import sys
from pathlib import Path

import yaml

# name: (repository, tag, licence, [(file in the repository, CRD version used), ...])
SOURCES = {
    "strimzi": ("strimzi/strimzi-kafka-operator", "1.2.0", "Apache-2.0", [
        ("packaging/install/cluster-operator/040-Crd-kafka.yaml", "v1"),
        ("packaging/install/cluster-operator/043-Crd-kafkatopic.yaml", "v1"),
        ("packaging/install/cluster-operator/044-Crd-kafkauser.yaml", "v1"),
        ("packaging/install/cluster-operator/045-Crd-kafkanodepool.yaml", "v1"),
    ]),
    "cloudnative-pg": ("cloudnative-pg/cloudnative-pg", "v1.30.0", "Apache-2.0", [
        ("config/crd/bases/postgresql.cnpg.io_clusters.yaml", "v1"),
        ("config/crd/bases/postgresql.cnpg.io_scheduledbackups.yaml", "v1"),
    ]),
    "plugin-barman-cloud": ("cloudnative-pg/plugin-barman-cloud", "v0.14.0", "Apache-2.0", [
        ("config/crd/bases/barmancloud.cnpg.io_objectstores.yaml", "v1"),
    ]),
    "gateway-api": ("kubernetes-sigs/gateway-api", "v1.6.1", "Apache-2.0", [
        ("config/crd/standard/gateway.networking.k8s.io_httproutes.yaml", "v1"),
    ]),
    "prometheus-operator": ("prometheus-operator/prometheus-operator", "v0.93.0", "Apache-2.0", [
        ("example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml", "v1"),
        ("example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml", "v1"),
        ("example/prometheus-operator-crd/monitoring.coreos.com_podmonitors.yaml", "v1"),
    ]),
}


# "Deprecated: ..." (the Kubernetes API convention), "is/has been deprecated", "DEPRECATED"; not a
# description that only mentions a deprecated value of an enum ("`ingress` (deprecated) type ...").
DEPRECATED = re.compile(r"(?:^|\s)Deprecated:|\b(?:is|has been) deprecated\b|\bDEPRECATED\b")


def without_descriptions(node, in_properties=False):
    """The schema without its descriptions; a field whose description says it is deprecated keeps
    that as `deprecated: true` (a JSON Schema annotation), which ManifestsTest refuses."""
    if isinstance(node, dict):
        trimmed = {k: without_descriptions(v, k == "properties" and not in_properties)
                   for k, v in node.items() if in_properties or k != "description"}
        if not in_properties and DEPRECATED.search(str(node.get("description", ""))):
            trimmed["deprecated"] = True
        return trimmed
    if isinstance(node, list):
        return [without_descriptions(v) for v in node]
    return node


def main(checkouts):
    out = Path(__file__).parent / "src/test/resources/crds"
    for name, checkout in checkouts.items():
        repository, tag, licence, files = SOURCES[name]
        git = ["git", "-C", checkout]
        commit = subprocess.check_output(git + ["rev-parse", tag + "^{commit}"], text=True).strip()
        for path, version in files:
            crd = yaml.safe_load(subprocess.check_output(git + ["show", f"{commit}:{path}"], text=True))
            group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
            served = [v for v in crd["spec"]["versions"] if v["name"] == version]
            if not served:
                sys.exit(f"{path} at {tag} has no version {version}")
            schema = without_descriptions(served[0]["schema"]["openAPIV3Schema"])
            header = (f"# {kind} {group}/{version}: the openAPIV3Schema of {path}\n"
                      f"# from https://github.com/{repository} {tag} (commit {commit}), licence {licence},\n"
                      f"# without descriptions. Written by deploy/manifests-test/update-crds.py; do not edit.\n")
            body = yaml.safe_dump({"apiVersion": f"{group}/{version}", "kind": kind, "openAPIV3Schema": schema},
                                  sort_keys=False, width=120)
            (out / f"{group}_{version}_{kind}.yaml").write_text(header + body)
            print(f"{group}/{version} {kind}: {len(body)} bytes")


if __name__ == "__main__":
    main(dict(arg.split("=", 1) for arg in sys.argv[1:]))
