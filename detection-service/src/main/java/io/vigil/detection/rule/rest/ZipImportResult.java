package io.vigil.detection.rule.rest;

import java.util.List;

/** What importing a zip of rules did, file by file (in the archive's order). */
public record ZipImportResult(int files, int created, int updated, int unchanged, int failed, List<FileResult> results) {

    /** One rule file: {@code created}, {@code updated}, {@code unchanged} or {@code failed} with the error. */
    public record FileResult(String path, String id, String outcome, String error) {
    }
}
