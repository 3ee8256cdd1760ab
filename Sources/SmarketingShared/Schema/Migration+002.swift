extension Migration {
    /// Who has a workspace open (for `who`): each shell's row names its server process,
    /// and `who` keeps the rows whose process still runs, so a shell killed with kill -9
    /// drops out by itself. pg_stat_activity alone cannot tell: it hides other users'
    /// application names from a team member.
    static let presence = Migration(version: 2, name: "presence", sql: #"""
        CREATE TABLE smk_sessions (
            workspace text NOT NULL REFERENCES smk_workspaces(name) ON DELETE CASCADE,
            pid       int NOT NULL,
            login     text NOT NULL DEFAULT current_user CHECK (login = current_user),
            since     timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (workspace, pid)
        );
        DO $$
        DECLARE r record;
        BEGIN
            FOR r IN SELECT rolname FROM pg_roles WHERE rolname LIKE 'smk\_%' AND NOT rolcanlogin LOOP
                EXECUTE format('GRANT SELECT, INSERT, DELETE ON smk_sessions TO %I', r.rolname);
            END LOOP;
        END $$;
        """#)
}
