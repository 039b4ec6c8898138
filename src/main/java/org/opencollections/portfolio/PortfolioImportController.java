package org.opencollections.portfolio;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/portfolio/imports")
class PortfolioImportController {

  static final int MAX_PAGE_SIZE = 1000;

  private final PortfolioImports imports;

  PortfolioImportController(PortfolioImports imports) {
    this.imports = imports;
  }

  /** Takes the body as a stream (never whole in memory) and answers before any row is stored. */
  @PostMapping
  ResponseEntity<?> submit(HttpServletRequest request, Principal user) throws IOException {
    MediaType contentType;
    try {
      contentType = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
    } catch (InvalidMediaTypeException e) {
      contentType = null;
    }
    var format = contentType == null ? java.util.Optional.<ImportFormat>empty() : ImportFormat.of(contentType);
    if (format.isEmpty()) {
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.UNSUPPORTED_MEDIA_TYPE,
              "Send the portfolio as text/csv (a header line, then one debt a line) or as application/x-ndjson"
                  + " (one POST /api/debts body a line); the Content-Type was "
                  + (request.getContentType() == null ? "missing" : "'" + request.getContentType() + "'"));
      problem.setTitle("Unsupported portfolio format");
      return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(problem);
    }
    ImportView accepted =
        imports.submit(format.get(), request.getInputStream(), contentType.getCharset(), user == null ? null : user.getName());
    return ResponseEntity.accepted().location(URI.create("/api/portfolio/imports/" + accepted.id())).body(accepted);
  }

  /** Progress, and one page of the rejected rows (line order). */
  @GetMapping("/{id}")
  ImportView get(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "100") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
    return imports.view(id, page, size);
  }

  /**
   * The debts the import created, in line order, a page after {@code afterLine}: which debt and case each
   * line became (for reconciling with the file's sender).
   */
  @GetMapping("/{id}/debts")
  ImportedDebts debts(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "0") @Min(0) int afterLine,
      @RequestParam(defaultValue = "100") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
    return imports.debts(id, afterLine, size);
  }
}
