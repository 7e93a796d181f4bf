package dev.dualstack.operator.pipeline;

import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.FieldError;
import dev.dualstack.operator.pipeline.field.Rule;
import java.util.List;

/** An expected error as (type, field, rule): what rule tests assert, never message text. */
public record Expect(String type, String field, String rule) {

  public static Expect err(ErrorType type, String field, String rule) {
    return new Expect(type.id(), field, rule);
  }

  public static Expect of(FieldError e) {
    return new Expect(e.type().id(), e.field(), e.rule().id());
  }

  /** The errors of a result that are not capability errors (those belong to another stage). */
  public static List<Expect> nonCapability(PipelineResult r) {
    return r.errors().stream().filter(e -> !e.is(Rule.Kind.UNSUPPORTED)).map(Expect::of).toList();
  }
}
