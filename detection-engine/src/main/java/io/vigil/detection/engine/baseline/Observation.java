package io.vigil.detection.engine.baseline;

/**
 * One fact a baseline learns: for an entity (a user, a host, or the whole tenant), a value of one kind (a
 * logon source, a process, a parent-child pair, an admin tool). First-seen detection raises the first time
 * a fact appears once the tenant's learning period is over.
 */
public record Observation(Kind kind, String entity, String value) {

    public enum Kind {
        /** A user logs on (interactively or over the network) from a source address or workstation. */
        LOGON_SOURCE("logon-source", "medium"),
        /** A process image runs on a host. */
        PROCESS("process", "informational"),
        /** A parent process starts a child process on a host. */
        PARENT_CHILD("parent-child", "low"),
        /** An administration or dual-use tool runs anywhere in the tenant. */
        ADMIN_TOOL("admin-tool", "medium");

        private final String id;
        private final String level;

        Kind(String id, String level) {
            this.id = id;
            this.level = level;
        }

        /** The kind's name in the API and in alert rule ids ({@code baseline:first-seen:<id>}). */
        public String id() {
            return id;
        }

        /** The Sigma level a first-seen alert of this kind carries. */
        public String level() {
            return level;
        }

        public static Kind of(String id) {
            for (Kind k : values()) {
                if (k.id.equals(id)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown baseline kind '" + id + "'");
        }
    }

    /** What an analyst reads: "cmd.exe started netsh.exe on workstation5". */
    public String describe() {
        return switch (kind) {
            case LOGON_SOURCE -> entity + " logged on from " + value;
            case PROCESS -> value + " ran on " + entity;
            case PARENT_CHILD -> value.replace(" > ", " started ") + " on " + entity;
            case ADMIN_TOOL -> "admin tool " + value + " ran in the environment";
        };
    }
}
