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
}
