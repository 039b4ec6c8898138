package org.opencollections.simulation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opencollections.engine.embedded.EmbeddedEngine;
import org.opencollections.platform.ConflictException;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class SimulationControllerTest {

  @Test
  void refusesToMoveTheClockWithoutTheEmbeddedEngine() {
    var noEngine = new StaticListableBeanFactory().getBeanProvider(EmbeddedEngine.class);
    var time = new SimulatedTime(noEngine, Clock.systemUTC(), null, null);

    assertThatThrownBy(() -> time.advance(Duration.ofDays(1)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("embedded mode");
  }
}
