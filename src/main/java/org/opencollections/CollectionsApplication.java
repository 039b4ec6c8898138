package org.opencollections;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Collections case management: one long-running BPMN process per debt, decisions in DMN, data in PostgreSQL. */
@SpringBootApplication
@EnableScheduling
public class CollectionsApplication {

  public static void main(String[] args) {
    SpringApplication.run(CollectionsApplication.class, args);
  }
}
