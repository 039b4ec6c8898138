package org.opencollections.portfolio;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An import's progress. {@code imported + rejected = rowsRead} at every moment; once the state is past
 * STORING, {@code rowsRead} is every row of the file.
 */
public record ImportView(
    UUID id,
    ImportFormat format,
    ImportState state,
    int rowsRead,
    int imported,
    int rejected,
    long casesStarted,
    Instant receivedAt,
    Instant storedAt,
    Instant completedAt,
    String failure,
    Rejections rejections) {

  /** One page of the rejected rows, in line order. */
  public record Rejections(int page, int size, int total, List<Rejection> rows) {}

  /** A row that was not imported, and every reason why. */
  public record Rejection(int line, String externalRef, List<String> reasons) {}
}
