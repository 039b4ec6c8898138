package org.opencollections.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The task forms as the application deploys them: the very {@code .form} files beside the BPMN (packaged
 * under {@code models/}, the location the deployment reads), by form id. Tasklist renders the deployed copy of
 * the same file, so the workbench and Tasklist show one form.
 */
@Component
class FormSchemas {

  private final Map<String, JsonNode> byId = new HashMap<>();

  FormSchemas(@Value("${collections.models.location:classpath*:models/}") String location, ObjectMapper json) {
    try {
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources(location + "*.form")) {
        try (InputStream in = resource.getInputStream()) {
          JsonNode form = json.readTree(in);
          byId.put(form.path("id").asText(), form);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Optional<JsonNode> of(String formId) {
    return Optional.ofNullable(formId == null ? null : byId.get(formId));
  }
}
