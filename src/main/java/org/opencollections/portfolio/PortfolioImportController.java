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
  @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "202",
      description = "The file is spooled; rows are stored and cases started in the background. Location names the"
          + " import, whose progress GET shows",
      content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
          schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ImportView.class)))
  @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description =
      "The portfolio, streamed: CSV with a header line naming the columns (any order; debtor.externalRef,"
          + " debtor.email and debtor.phone may be left out) or JSON Lines, one POST /api/debts body a line",
      content = {
          @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv",
              schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"),
              examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value =
                  "externalRef,debtor.externalRef,debtor.name,debtor.email,debtor.phone,debtor.timeZone,"
                      + "debtor.jurisdiction,principal,currency,dueDate,product\n"
                      + "ACME-1001,CUST-77,Dana Debtor,dana@example.org,+1 212 555 0100,America/New_York,US-NY,"
                      + "1250.00,USD,2027-01-15,CREDIT_CARD")),
          @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/x-ndjson",
              schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))})
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
