package org.opencollections.models;

import java.util.List;
import org.opencollections.platform.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The deployed processes, decision tables and forms, each version with its checksum, and their files. */
@RestController
class ModelController {

  private final DeployedModels models;

  ModelController(DeployedModels models) {
    this.models = models;
  }

  @GetMapping("/api/models")
  List<DeployedModels.ModelView> all() {
    return models.all();
  }

  /** The file exactly as deployed: BPMN and DMN as XML, forms as JSON. */
  @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The deployed file",
      content = {
          @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/xml"),
          @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json")})
  @GetMapping("/api/models/{id}/versions/{version}")
  ResponseEntity<byte[]> file(@PathVariable String id, @PathVariable int version) {
    DeployedModels.Content content =
        models.content(id, version).orElseThrow(() -> new NotFoundException("No model " + id + " in version " + version));
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(content.kind().mediaType())).body(content.bytes());
  }
}
