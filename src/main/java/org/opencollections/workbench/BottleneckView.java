package org.opencollections.workbench;

import java.util.List;
import org.opencollections.analytics.Bottlenecks;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The supervisor's view of the lifecycle: the model drawn by bpmn-js, with the open cases and tasks on each
 * element, how long they have waited and the SLA breaches; an element's own page lists its cases.
 */
@Controller
class BottleneckView {

  static final int PAGE_SIZE = 25;

  private final Bottlenecks bottlenecks;

  BottleneckView(Bottlenecks bottlenecks) {
    this.bottlenecks = bottlenecks;
  }

  @GetMapping("/workbench/bottlenecks")
  String page(Model model) {
    model.addAttribute("elements", bottlenecks.now());
    model.addAttribute("outside", bottlenecks.stagesOutsideTheModel());
    return "workbench/bottlenecks";
  }

  @GetMapping(path = "/workbench/bottlenecks/model", produces = MediaType.APPLICATION_XML_VALUE)
  @ResponseBody
  String model() {
    return bottlenecks.model();
  }

  @GetMapping(path = "/workbench/bottlenecks/counts", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  List<Bottlenecks.Element> counts() {
    return bottlenecks.now();
  }

  @GetMapping("/workbench/bottlenecks/elements/{elementId}")
  String element(@PathVariable String elementId, @RequestParam(defaultValue = "0") int page, Model model) {
    Bottlenecks.Waiting waiting = bottlenecks.waitingAt(elementId, Math.max(0, page), PAGE_SIZE);
    model.addAttribute("waiting", waiting);
    model.addAttribute("pages", (waiting.total() + PAGE_SIZE - 1) / PAGE_SIZE);
    return "workbench/bottleneck-element";
  }
}
