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
}
