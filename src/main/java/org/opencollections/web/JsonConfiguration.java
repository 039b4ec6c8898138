package org.opencollections.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * The API's JSON: Spring Boot's mapper with our spring.jackson.* settings (unknown fields refused, exact
 * decimals, ISO dates) and problem details as RFC 9457 has them. The connector runtime brings an
 * ObjectMapper of its own; without this one the API would answer with that one.
 */
@Configuration
class JsonConfiguration {

  @Bean
  @Primary
  ObjectMapper apiObjectMapper(Jackson2ObjectMapperBuilder builder) {
    return builder.build();
  }

  /**
   * What the API answers: the same mapper, but every decimal (money above all) written as a decimal string,
   * "1250.50", as it is read: a JSON number would reach many clients as a binary float and lose the scale.
   * Only HTTP answers change; process variables keep their numbers for FEEL.
   */
  @Bean
  org.springframework.http.converter.json.MappingJackson2HttpMessageConverter apiJson(ObjectMapper apiObjectMapper) {
    ObjectMapper answers = apiObjectMapper.copy();
    answers.configOverride(java.math.BigDecimal.class)
        .setFormat(com.fasterxml.jackson.annotation.JsonFormat.Value.forShape(com.fasterxml.jackson.annotation.JsonFormat.Shape.STRING));
    answers.enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    return new org.springframework.http.converter.json.MappingJackson2HttpMessageConverter(answers);
  }

  /**
   * A NUL character in any string is refused where the request is read (400 naming the field): PostgreSQL
   * cannot store one, and it never belongs in a name, a reference or a reason.
   */
  @Bean // Spring Boot adds every Module bean to the builder above
  com.fasterxml.jackson.databind.Module noNulCharacters() {
    var module = new com.fasterxml.jackson.databind.module.SimpleModule("no-nul-characters");
    module.addDeserializer(String.class, new com.fasterxml.jackson.databind.deser.std.StringDeserializer() {
      @Override
      public String deserialize(com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.databind.DeserializationContext ctxt)
          throws java.io.IOException {
        String value = super.deserialize(p, ctxt);
        if (value != null && value.indexOf('\u0000') >= 0) {
          throw com.fasterxml.jackson.databind.exc.InvalidFormatException.from(
              p, "A NUL character is not allowed", value, String.class);
        }
        return value;
      }
    });
    return module;
  }

  /**
   * A date is a calendar date written yyyy-MM-dd and nothing else. Jackson's own reader takes a date-time too
   * and drops its time ("2027-03-14T02:30:00", a moment New York's clocks skip, became 14 March): found by the
   * fault suite (F8), for due dates and promise dates alike. The import already refused such a date.
   */
  @Bean
  com.fasterxml.jackson.databind.Module calendarDatesOnly() {
    var module = new com.fasterxml.jackson.databind.module.SimpleModule("calendar-dates-only");
    module.addDeserializer(java.time.LocalDate.class,
        new com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer<java.time.LocalDate>(java.time.LocalDate.class) {
          @Override
          public java.time.LocalDate deserialize(
              com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.databind.DeserializationContext ctxt)
              throws java.io.IOException {
            if (!p.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
              return (java.time.LocalDate) ctxt.handleUnexpectedToken(java.time.LocalDate.class, p);
            }
            String text = p.getText().strip();
            try {
              if (text.matches("[+-]?\\d{4,}-\\d{2}-\\d{2}")) {
                return java.time.LocalDate.parse(text); // ISO_LOCAL_DATE resolves strictly: no 30 February
              }
            } catch (java.time.format.DateTimeParseException e) {
              // refused below
            }
            throw com.fasterxml.jackson.databind.exc.InvalidFormatException.from(
                p, "A date is written yyyy-MM-dd", text, java.time.LocalDate.class);
          }
        });
    return module;
  }
}
