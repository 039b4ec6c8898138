package org.opencollections.portfolio;

import java.util.List;
import java.util.Set;
import org.opencollections.intake.NewDebt;

/**
 * One row of a portfolio as read from the file, before validation.
 *
 * @param line the line the row starts on (1 is the first line of the file)
 * @param lastLine the line it ends on (a quoted CSV field may span lines)
 * @param debt the row as a new debt; null when it could not be read at all
 * @param externalRef the debt's reference as far as it could be read, for the person fixing the row
 * @param reasons what made the row unreadable, field by field
 * @param unreadable fields whose value could not be read (their reason is given; "missing" would mislead)
 */
record Row(int line, int lastLine, NewDebt debt, String externalRef, List<String> reasons, Set<String> unreadable) {

  static Row malformed(int line, int lastLine, String externalRef, String reason) {
    return new Row(line, lastLine, null, externalRef, List.of(reason), Set.of());
  }
}
