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
}
