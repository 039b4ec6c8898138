package org.opencollections.portfolio;

import java.util.Optional;
import org.springframework.http.MediaType;

/** The two ways a portfolio arrives: CSV with a header, or JSON Lines (one POST /api/debts body a line). */
public enum ImportFormat {
  CSV(new MediaType("text", "csv"), "csv"),
  JSON_LINES(new MediaType("application", "x-ndjson"), "jsonl");

  private final MediaType mediaType;
  private final String extension;

  ImportFormat(MediaType mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  /** The format a Content-Type names (parameters such as charset aside), if it is one of ours. */
  public static Optional<ImportFormat> of(MediaType contentType) {
    for (ImportFormat format : values()) {
      if (format.mediaType.equalsTypeAndSubtype(contentType)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  public MediaType mediaType() {
    return mediaType;
  }

  String extension() {
    return extension;
  }
}
