package org.opencollections.workbench;

import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The supervisor's view of the lifecycle: the model drawn by bpmn-js, with the open cases and tasks on each element. */
@Controller
class BottleneckView {

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
}
