package org.opencollections.web;

import org.opencollections.platform.ConflictException;
import org.opencollections.platform.InvalidInputException;
import org.opencollections.platform.NotFoundException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Every client error is a problem detail (RFC 9457) with, where it helps, one message per field. */
@RestControllerAdvice
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE) // before the connector runtime's own handler
class ApiExceptionHandler {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ProblemDetail invalid(MethodArgumentNotValidException e) {
    Map<String, String> errors =
        e.getBindingResult().getFieldErrors().stream()
            .collect(
                Collectors.toMap(
                    FieldError::getField,
                    f -> f.getDefaultMessage() == null ? "is invalid" : f.getDefaultMessage(),
                    (a, b) -> a + "; " + b,
                    TreeMap::new));
    return badRequest(errors);
  }

  @ExceptionHandler(InvalidInputException.class)
  ProblemDetail invalid(InvalidInputException e) {
    return badRequest(e.errors());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    if (e.getCause() instanceof UnrecognizedPropertyException u) {
      return badRequest(Map.of(path(u), "is not a known field"));
    }
    if (e.getCause() instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
      return badRequest(Map.of(path(f), "must be one of " + allowed(f.getTargetType()) + ", not '" + printable(f.getValue()) + "'"));
    }
    if (e.getCause() instanceof InvalidFormatException f) {
      return badRequest(Map.of(path(f), "cannot be read as " + f.getTargetType().getSimpleName() + ": '" + printable(f.getValue()) + "'"));
    }
    if (e.getCause() instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      return badRequest(Map.of(path(m), "has the wrong type"));
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body is not valid JSON");
    problem.setTitle("Malformed request");
    return problem;
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
    if (e.getRequiredType() != null && e.getRequiredType().isEnum()) {
      return badRequest(Map.of(e.getName(), "must be one of " + allowed(e.getRequiredType()) + ", not '" + printable(e.getValue()) + "'"));
    }
    return badRequest(Map.of(e.getName(), "cannot be read: '" + printable(e.getValue()) + "'"));
  }

  @ExceptionHandler(org.springframework.web.bind.MissingServletRequestParameterException.class)
  ProblemDetail missing(org.springframework.web.bind.MissingServletRequestParameterException e) {
    return badRequest(Map.of(e.getParameterName(), "is required"));
  }

  /**
   * What Spring MVC itself refuses (an unknown path, a method or media type the endpoint does not take, a
   * body too large) comes with its own status and problem detail: passed on as it is, with its headers
   * (e.g. {@code Allow}).
   */
  @ExceptionHandler({
    org.springframework.web.servlet.resource.NoResourceFoundException.class,
    org.springframework.web.HttpRequestMethodNotSupportedException.class,
    org.springframework.web.HttpMediaTypeNotSupportedException.class,
    org.springframework.web.HttpMediaTypeNotAcceptableException.class,
    org.springframework.web.bind.MissingRequestHeaderException.class,
    org.springframework.web.ErrorResponseException.class
  })
  org.springframework.http.ResponseEntity<ProblemDetail> framework(Exception e) {
    var response = (org.springframework.web.ErrorResponse) e;
    return org.springframework.http.ResponseEntity.status(response.getStatusCode())
        .headers(response.getHeaders()).body(response.getBody());
  }

  /**
   * A write the database refused (a unique or check constraint): a conflict with what is stored. The
   * database's message names the row's values, debtor data among them: neither answered nor logged.
   */
  @ExceptionHandler(org.springframework.dao.DataIntegrityViolationException.class)
  ProblemDetail refusedByTheDatabase(org.springframework.dao.DataIntegrityViolationException e) {
    String constraint =
        e.getMostSpecificCause() instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
            ? p.getServerErrorMessage().getConstraint() : null;
    LOG.warn("The database refused a write ({}{})", e.getMostSpecificCause().getClass().getSimpleName(),
        constraint == null ? "" : ", constraint " + constraint);
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
        "The request conflicts with what is stored" + (constraint == null ? "" : " (" + constraint + ")"));
  }

  /**
   * Anything else is our fault: 500 with a reference to quote, the same in the log. The log names the
   * exception and where it was thrown; messages from the database, which may quote debtor data, stay out.
   */
  @ExceptionHandler(Exception.class)
  org.springframework.http.ResponseEntity<ProblemDetail> unexpected(Exception e) {
    if (org.opencollections.platform.DatabaseUnavailable.is(e)) {
      // nothing was done: the client may send the same request again (payments, holds and contacts by their key)
      LOG.warn("The database cannot be reached: {}", e.getClass().getName());
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
          "The database cannot be reached just now; nothing was stored. Send the same request again shortly.");
      problem.setTitle("Service Unavailable");
      return org.springframework.http.ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header("Retry-After", "10").body(problem);
    }
    String reference = java.util.UUID.randomUUID().toString();
    if (quotesData(e)) {
      StackTraceElement[] at = e.getStackTrace();
      LOG.error("Unexpected {} (reference {}) at {}", e.getClass().getName(), reference, at.length > 0 ? at[0] : "?");
    } else {
      LOG.error("Unexpected error (reference {})", reference, e);
    }
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error; reference " + reference);
    problem.setProperty("reference", reference);
    return org.springframework.http.ResponseEntity.internalServerError().body(problem);
  }

  private static boolean quotesData(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException || t instanceof org.springframework.dao.DataAccessException) {
        return true;
      }
    }
    return false;
  }

  /** The values of an enum, as a client writes them. */
  private static String allowed(Class<?> enumType) {
    return java.util.Arrays.stream(enumType.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
  }

  /** A value echoed back: at most 100 characters, control characters (NUL among them) shown as escapes. */
  private static String printable(Object value) {
    String text = String.valueOf(value);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < 100; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return out.toString();
  }

  @ExceptionHandler(org.springframework.web.method.annotation.HandlerMethodValidationException.class)
  ProblemDetail invalidParameters(org.springframework.web.method.annotation.HandlerMethodValidationException e) {
    Map<String, String> errors = new TreeMap<>();
    e.getParameterValidationResults()
        .forEach(r -> errors.put(
            r.getMethodParameter().getParameterName() == null ? "parameter" : r.getMethodParameter().getParameterName(),
            r.getResolvableErrors().stream().map(m -> String.valueOf(m.getDefaultMessage())).collect(Collectors.joining("; "))));
    return badRequest(errors);
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
  ProblemDetail forbidden(org.springframework.security.access.AccessDeniedException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static ProblemDetail badRequest(Map<String, String> errors) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Some fields are invalid: " + String.join(", ", errors.keySet()));
    problem.setTitle("Invalid input");
    problem.setProperty("errors", new TreeMap<>(errors));
    return problem;
  }
}
