package dev.dualstack.operator.pipeline.validation;

import java.util.List;

/** The pod and service blocks that parsed cleanly, for the rules that depend on them. */
record Ranges(List<Located> pods, List<Located> services) {}
