package org.opencollections.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;
import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * JSON columns (a contact attempt's inputs, a commitment's terms ...) are written and read with the
 * application's own mapper. Left alone, Hibernate builds one with every Jackson module on the class path,
 * the Scala module the FEEL engine brings among them, which read a stored list back as a Scala collection:
 * the API then showed {@code "blockedChannels": {"empty": false, "traversableAgain": true}} instead of the list.
 */
@Configuration
class JsonColumns {

  @Bean
  HibernatePropertiesCustomizer jsonColumnsWithTheApplicationsMapper(ObjectMapper mapper) {
    return properties -> properties.put(AvailableSettings.JSON_FORMAT_MAPPER, new JacksonJsonFormatMapper(mapper));
  }
}
