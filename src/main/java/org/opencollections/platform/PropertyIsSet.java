package org.opencollections.platform;

import ch.qos.logback.core.boolex.PropertyConditionBase;

/**
 * A Logback condition for collections-logback.xml: the property has a value. Spring Boot defines its logging
 * properties (CONSOLE_LOG_STRUCTURED_FORMAT among them) as empty when they are not configured, so Logback's
 * own IsPropertyDefinedCondition would take every unset format for a set one.
 */
public class PropertyIsSet extends PropertyConditionBase {

  private String key;

  public void setKey(String key) {
    this.key = key;
  }

  @Override
  public void start() {
    if (key == null) {
      addError("PropertyIsSet needs a <key>");
      return;
    }
    super.start();
  }

  @Override
  public boolean evaluate() {
    String value = property(key);
    return value != null && !value.isBlank();
  }
}
