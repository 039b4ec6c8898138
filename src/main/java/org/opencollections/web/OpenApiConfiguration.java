package org.opencollections.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description served at /v3/api-docs, readable in the browser at /swagger-ui.html. */
@Configuration
class OpenApiConfiguration {

  @Bean
  OpenAPI collectionsApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Collections case management")
                .version("1")
                .description(
                    "Every debt is one BPMN process on Camunda 8; this API registers debts and portfolios, posts"
                        + " payments, records contacts through the compliance governor, holds, commitments and tasks."
                        + " HTTP Basic; in embedded mode the demo users are operator, supervisor, owner, compliance"
                        + " and admin, each with their name as password. Money is a decimal string with an ISO 4217"
                        + " currency; times are shown in the debtor's zone.")
                .license(new License().name("Apache-2.0")))
        .components(new Components().addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
        .addSecurityItem(new SecurityRequirement().addList("basic"));
  }

  static {
    // decimals travel as strings both ways (see JsonConfiguration), so the description says string
    org.springdoc.core.utils.SpringDocUtils.getConfig()
        .replaceWithSchema(java.math.BigDecimal.class,
            new io.swagger.v3.oas.models.media.StringSchema().format("decimal").pattern("^-?[0-9]+(\\.[0-9]+)?$"));
  }

  /** Money examples are set here: from an annotation a "12000.00" would come out as the number 12000.0. */
  @Bean
  org.springdoc.core.customizers.OpenApiCustomizer moneyExamples() {
    return api -> {
      var schemas = api.getComponents().getSchemas();
      example(schemas, "NewDebt", "principal", "12000.00");
      example(schemas, "NewPayment", "amount", "5000.00");
      example(schemas, "TargetRequest", "amountCollected", "5000.00");
    };
  }

  @SuppressWarnings("rawtypes")
  private static void example(java.util.Map<String, io.swagger.v3.oas.models.media.Schema> schemas, String type, String field, String value) {
    if (schemas != null && schemas.get(type) != null && schemas.get(type).getProperties() != null) {
      var property = (io.swagger.v3.oas.models.media.Schema) schemas.get(type).getProperties().get(field);
      if (property != null) {
        property.setExample(value);
      }
    }
  }

  /**
   * The error answers of every operation, each an RFC 9457 problem detail with an example: 400 where it takes
   * input, 401/403/429/503 everywhere (HTTP Basic, roles, the login throttle, the database away), 404 where a path names something,
   * 409 where it changes state, 415 where it takes a body. The handlers that answer them are in
   * {@link ApiExceptionHandler}; ErrorShapeTest and OpenApiTest hold the two together.
   */
  @Bean
  org.springdoc.core.customizers.OpenApiCustomizer errorResponses() {
    return api -> {
      api.getComponents().addSchemas("Problem", problemSchema());
      api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
        boolean changes = method == io.swagger.v3.oas.models.PathItem.HttpMethod.POST
            || method == io.swagger.v3.oas.models.PathItem.HttpMethod.PUT;
        boolean takesInput = operation.getRequestBody() != null
            || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        var responses = operation.getResponses();
        if (takesInput) {
          add(responses, 400, "The input is invalid: each field named with what it allows", java.util.Map.of(
              "type", "about:blank", "title", "Invalid input", "status", 400,
              "detail", "Some fields are invalid: currency", "instance", path,
              "errors", java.util.Map.of("currency", "must be an ISO 4217 currency code, e.g. USD")));
        }
        add(responses, 401, "No credentials, or wrong ones", problem(401, "Unauthorized",
            "Log in with a user name and password (HTTP Basic)", path));
        add(responses, 403, "Your role may not do this", problem(403, "Forbidden", "Your role may not do this", path));
        if (path.contains("{")) {
          add(responses, 404, "What the path names does not exist", problem(404, "Not Found",
              "No debt 5b0f4c2e-8d3a-4a57-9f6e-2f1c8b7d9a10", path));
        }
        if (changes) {
          add(responses, 409, "It conflicts with what is recorded (the same key with other content, a closed case, a"
              + " state that does not allow it)", problem(409, "Conflict",
              "Payment BANK-2 was posted before with another amount: 120.00 USD", path));
        }
        if (operation.getRequestBody() != null) {
          add(responses, 415, "The body is not in a format this operation takes", problem(415,
              "Unsupported Media Type", "Content-Type 'text/plain' is not supported.", path));
        }
        add(responses, 429, "Too many failed logins for this user name: wait the Retry-After seconds", problem(429,
            "Too Many Requests", "Too many failed logins: try again in 15 minutes", path));
        add(responses, 503, "The database cannot be reached just now: nothing was done; send the same request again"
            + " after Retry-After seconds", problem(503, "Service Unavailable",
            "The database cannot be reached just now; nothing was stored. Send the same request again shortly.", path));
      }));
    };
  }

  private static java.util.Map<String, Object> problem(int status, String title, String detail, String path) {
    return java.util.Map.of("type", "about:blank", "title", title, "status", status, "detail", detail, "instance", path);
  }

  private static void add(
      io.swagger.v3.oas.models.responses.ApiResponses responses, int status, String description,
      java.util.Map<String, Object> example) {
    String code = String.valueOf(status);
    if (responses.containsKey(code)) {
      return; // described by the operation itself
    }
    var media = new io.swagger.v3.oas.models.media.MediaType()
        .schema(new io.swagger.v3.oas.models.media.Schema<>().$ref("#/components/schemas/Problem"))
        .example(example);
    responses.addApiResponse(code, new io.swagger.v3.oas.models.responses.ApiResponse()
        .description(description)
        .content(new io.swagger.v3.oas.models.media.Content().addMediaType("application/problem+json", media)));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static io.swagger.v3.oas.models.media.Schema problemSchema() {
    return new io.swagger.v3.oas.models.media.ObjectSchema()
        .description("An RFC 9457 problem detail")
        .addProperty("type", new io.swagger.v3.oas.models.media.StringSchema().format("uri"))
        .addProperty("title", new io.swagger.v3.oas.models.media.StringSchema())
        .addProperty("status", new io.swagger.v3.oas.models.media.IntegerSchema())
        .addProperty("detail", new io.swagger.v3.oas.models.media.StringSchema())
        .addProperty("instance", new io.swagger.v3.oas.models.media.StringSchema().format("uri-reference"))
        .addProperty("errors", new io.swagger.v3.oas.models.media.MapSchema()
            .additionalProperties(new io.swagger.v3.oas.models.media.StringSchema())
            .description("One message per invalid field, named by its path (e.g. debtor.timeZone)"));
  }
}
