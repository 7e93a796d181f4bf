package dev.dualstack.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.fabric8.kubernetes.client.CustomResource;

/**
 * A custom resource that survives a stored spec or status it cannot read: the subclasses' setters
 * use {@link TolerantSpecDeserializer}, which leaves the part null and marks the object here with
 * the reason, in memory only (never serialized).
 */
public abstract class TolerantResource<S, T> extends CustomResource<S, T> {
  @JsonIgnore private transient UnreadableField unreadableSpec;
  @JsonIgnore private transient UnreadableField unreadableStatus;

  /** Why the stored spec could not be read, or null when it was read. */
  @JsonIgnore
  public UnreadableField getUnreadableSpec() {
    return unreadableSpec;
  }

  public void markUnreadable(UnreadableField field) {
    this.unreadableSpec = field;
  }

  /** Why the stored status could not be read, or null when it was read (or absent). */
  @JsonIgnore
  public UnreadableField getUnreadableStatus() {
    return unreadableStatus;
  }

  public void markUnreadableStatus(UnreadableField field) {
    this.unreadableStatus = field;
  }

  /** Copies the marks of {@code other} (a clone made by a serialization round trip loses them). */
  public void copyMarksFrom(TolerantResource<?, ?> other) {
    this.unreadableSpec = other.unreadableSpec;
    this.unreadableStatus = other.unreadableStatus;
  }
}
