package org.opencollections.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opencollections.platform.InvalidInputException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The bottleneck view's figures as JSON: what waits at each element of the lifecycle, and which cases. */
@RestController
@org.springframework.boot.context.properties.EnableConfigurationProperties(BottleneckProperties.class)
class BottleneckController {

  static final int MAX_PAGE_SIZE = 200;

  private final Bottlenecks bottlenecks;
  private final java.time.Clock clock;

  BottleneckController(Bottlenecks bottlenecks, java.time.Clock clock) {
    this.bottlenecks = bottlenecks;
    this.clock = clock;
  }

  /** @param at when the figures were counted; outsideTheModel: open cases in a stage no element records */
  record Now(Instant at, List<Bottlenecks.Element> elements, Map<String, Long> outsideTheModel) {}

  @GetMapping("/api/analytics/bottlenecks")
  Now now() {
    Instant at = clock.instant();
    return new Now(at, bottlenecks.now(), bottlenecks.stagesOutsideTheModel());
  }

  @GetMapping("/api/analytics/bottlenecks/{elementId}/cases")
  Bottlenecks.Waiting cases(
      @PathVariable String elementId, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "25") int size) {
    return bottlenecks.waitingAt(elementId, checkedPage(page), checkedSize(size));
  }

  static int checkedPage(int page) {
    if (page < 0) {
      throw new InvalidInputException("page", "must be 0 or more");
    }
    return page;
  }

  static int checkedSize(int size) {
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new InvalidInputException("size", "must be between 1 and " + MAX_PAGE_SIZE);
    }
    return size;
  }
}
