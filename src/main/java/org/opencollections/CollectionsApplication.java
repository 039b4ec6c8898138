package org.opencollections;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Collections case management: one long-running BPMN process per debt, decisions in DMN, data in PostgreSQL. */
@SpringBootApplication
@EnableScheduling
public class CollectionsApplication {

  public static void main(String[] args) {
    try {
      SpringApplication.run(CollectionsApplication.class, args);
    } catch (Throwable failure) {
      // Spring has logged why and closed the context; a thread some library left behind (a non-daemon
      // Timer, a scheduler) must not keep a failed start alive.
      System.exit(1);
    }
  }
}
