package dev.dualstack.operator.pipeline.validation;

import dev.dualstack.operator.pipeline.field.FieldPath;
import dev.dualstack.operator.pipeline.net.Cidr;

/**
 * A parsed CIDR and where it came from: the user-facing path and a short description used in
 * overlap messages ({@code the pod network}, {@code the OpenStack subnet (default)}).
 */
record Located(Cidr cidr, FieldPath path, String what) {}
