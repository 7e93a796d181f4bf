package dev.dualstack.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.Datacenter;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class InitialListAddFilterTest {
  private final List<Datacenter> cached = new ArrayList<>();
  private final Cache<Datacenter> cache =
      new Cache<>() {
        @Override
        public Optional<Datacenter> get(ResourceID id) {
          return cached.stream().filter(d -> ResourceID.fromResource(d).equals(id)).findFirst();
        }

        @Override
        public Stream<ResourceID> keys() {
          return cached.stream().map(ResourceID::fromResource);
        }

        @Override
        public Stream<Datacenter> list(Predicate<Datacenter> predicate) {
          return cached.stream().filter(predicate);
        }
      };

  private static Datacenter dc(String name, String uid) {
    Datacenter d = Fixtures.openstackDc(name, true);
    d.getMetadata().setUid(uid);
    return d;
  }

  @Test
  void theAddEventsOfTheListedObjectsAreDroppedEvenBeforeReconcilingStarts() {
    InitialListAddFilter<Datacenter> filter = new InitialListAddFilter<>();
    filter.listedBy(cache);
    Datacenter a = dc("a", "uid-a");
    Datacenter b = dc("b", "uid-b");
    cached.add(a);
    cached.add(b);

    assertThat(filter.accept(a)).isFalse();
    assertThat(filter.accept(b)).isFalse();
    assertThat(filter.remembered()).isEqualTo(2);
  }

  @Test
  void anObjectCreatedAfterReconcilingStartedPasses() {
    InitialListAddFilter<Datacenter> filter = new InitialListAddFilter<>();
    filter.listedBy(cache);
    filter.reconcilingStarted(); // nothing listed: Clusters may be Pending, waiting for it
    Datacenter created = dc("new", "uid-new");
    cached.add(created);

    assertThat(filter.accept(created)).isTrue();
  }

  @Test
  void aLateAddOfAListedObjectIsDroppedAndANewObjectPasses() {
    InitialListAddFilter<Datacenter> filter = new InitialListAddFilter<>();
    filter.listedBy(cache);
    Datacenter a = dc("a", "uid-a");
    cached.add(a);

    filter.reconcilingStarted();

    assertThat(filter.remembered()).isEqualTo(1);
    assertThat(filter.accept(a)).isFalse();
    // created after the start, or deleted and created again under the same name: a new uid
    assertThat(filter.accept(dc("b", "uid-b"))).isTrue();
    assertThat(filter.accept(dc("a", "uid-a2"))).isTrue();
  }

  @Test
  void theFirstReconcileDecidesWhatWasListed() {
    InitialListAddFilter<Datacenter> filter = new InitialListAddFilter<>();
    filter.listedBy(cache);
    cached.add(dc("a", "uid-a"));
    filter.reconcilingStarted();
    Datacenter later = dc("b", "uid-b");
    cached.add(later);

    filter.reconcilingStarted(); // not the first any more: nothing changes

    assertThat(filter.remembered()).isEqualTo(1);
    assertThat(filter.accept(later)).isTrue();
  }
}
