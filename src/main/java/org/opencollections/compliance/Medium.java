package org.opencollections.compliance;

/**
 * How a dispute or a cease request reached the creditor. Regulation F counts an electronic one (an e-mail, a
 * web form the collector offers) as written (12 CFR 1006.38(c) and comment 38-1); an oral one is not.
 */
public enum Medium {
  WRITTEN,
  ORAL,
  ELECTRONIC;

  public boolean inWriting() {
    return this != ORAL;
  }
}
