package org.opencollections.web;

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
    if (e.getCause() instanceof InvalidFormatException f) {
      return badRequest(Map.of(path(f), "cannot be read as " + f.getTargetType().getSimpleName() + ": '" + f.getValue() + "'"));
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
    return badRequest(Map.of(e.getName(), "cannot be read: '" + e.getValue() + "'"));
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
