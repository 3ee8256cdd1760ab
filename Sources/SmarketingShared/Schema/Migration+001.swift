extension Migration {
    /// The first schema: workspaces, their stages, leads and the append-only change log,
    /// and the triggers through which the database itself enforces who may move a lead
    /// where (docs/SHARED.md explains each).
    static let initial = Migration(version: 1, name: "init", sql: #"""
        CREATE TABLE smk_workspaces (
            name      text PRIMARY KEY,
            -- every top-level key of the workspace file but the leads, in the file's order;
            -- "leads": [] marks where the leads go
            document  json NOT NULL,
            version   bigint NOT NULL DEFAULT 1,
            created   timestamptz NOT NULL DEFAULT now()
        );

        -- The stages as the database needs them to enforce the hand-off rules (a copy of
        -- what document holds, kept by smk when stages change).
        CREATE TABLE smk_stages (
            workspace text NOT NULL REFERENCES smk_workspaces(name) ON DELETE CASCADE,
            id        text NOT NULL,
            team      text NOT NULL,
            side      boolean NOT NULL DEFAULT false,
            allow     text[] NOT NULL DEFAULT '{}',
            PRIMARY KEY (workspace, id)
        );

        CREATE TABLE smk_leads (
            workspace text NOT NULL REFERENCES smk_workspaces(name) ON DELETE CASCADE,
            id        text NOT NULL,
            stage     text NOT NULL,
            position  bigint NOT NULL,
            -- the rest of the lead as smk writes it (unknown keys included), without id and stage
            data      json NOT NULL,
            -- raised by every update, whoever makes it: what "changed since I saw it" compares
            version   bigint NOT NULL DEFAULT 1,
            PRIMARY KEY (workspace, id),
            FOREIGN KEY (workspace, stage) REFERENCES smk_stages(workspace, id)
        );
        CREATE INDEX smk_leads_order ON smk_leads (workspace, position);

        CREATE TABLE smk_changes (
            seq       bigserial PRIMARY KEY,
            workspace text NOT NULL REFERENCES smk_workspaces(name),
            at        timestamptz NOT NULL DEFAULT now(),
            by        text NOT NULL DEFAULT current_user,
            summary   text NOT NULL,
            leads     text[] NOT NULL DEFAULT '{}',
            change    json NOT NULL
        );
        CREATE INDEX smk_changes_workspace ON smk_changes (workspace, seq);

        -- A change record says who made it by the login, not by what the client claims.
        CREATE FUNCTION smk_change_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.by := current_user;
            NEW.at := now();
            RETURN NEW;
        END $$;
        CREATE TRIGGER smk_change_stamp BEFORE INSERT ON smk_changes
            FOR EACH ROW EXECUTE FUNCTION smk_change_stamp();

        -- The change log is append-only, for everyone, the owner included.
        CREATE FUNCTION smk_change_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'smk_changes is append-only';
        END $$;
        CREATE TRIGGER smk_change_append_only BEFORE UPDATE OR DELETE ON smk_changes
            FOR EACH ROW EXECUTE FUNCTION smk_change_append_only();
        CREATE TRIGGER smk_change_no_truncate BEFORE TRUNCATE ON smk_changes
            FOR EACH STATEMENT EXECUTE FUNCTION smk_change_append_only();

        -- Every shell LISTENs on smk_changes; the payload is "WORKSPACE SEQ".
        CREATE FUNCTION smk_change_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('smk_changes', NEW.workspace || ' ' || NEW.seq);
            RETURN NULL;
        END $$;
        CREATE TRIGGER smk_change_notify AFTER INSERT ON smk_changes
            FOR EACH ROW EXECUTE FUNCTION smk_change_notify();

        CREATE FUNCTION smk_lead_version() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.version := OLD.version + 1;
            RETURN NEW;
        END $$;
        CREATE TRIGGER smk_lead_version BEFORE UPDATE ON smk_leads
            FOR EACH ROW EXECUTE FUNCTION smk_lead_version();

        -- The teams (group roles smk_TEAM) the current login belongs to; empty for an
        -- administrator who is in no team (the tables' owner, a superuser).
        CREATE FUNCTION smk_teams_of_current_user() RETURNS text[] LANGUAGE sql STABLE AS $$
            SELECT coalesce(array_agg(substr(r.rolname, 5)), '{}')
            FROM pg_roles r
            WHERE r.rolname LIKE 'smk\_%' AND NOT r.rolcanlogin
              AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
              AND pg_has_role(current_user, r.oid, 'MEMBER')
        $$;

        -- Who may put a lead into a stage (DESIGN.md §5, §7), checked on every insert and
        -- every change of stage, from smk or from any SQL client: a stage is entered by
        -- the team that owns it or one it allows; a side stage (nurture, lost) by the team
        -- that owns the stage the lead leaves.
        CREATE FUNCTION smk_lead_stage_check() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            teams  text[] := smk_teams_of_current_user();
            target smk_stages;
            source smk_stages;
        BEGIN
            IF TG_OP = 'UPDATE' AND NEW.stage = OLD.stage THEN RETURN NEW; END IF;
            IF cardinality(teams) = 0 THEN RETURN NEW; END IF;
            SELECT * INTO target FROM smk_stages WHERE workspace = NEW.workspace AND id = NEW.stage;
            IF NOT FOUND THEN RETURN NEW; END IF;  -- the foreign key reports it
            IF target.side AND TG_OP = 'UPDATE' THEN
                SELECT * INTO source FROM smk_stages WHERE workspace = OLD.workspace AND id = OLD.stage;
                IF source.team = ANY (teams) OR source.team = 'both' THEN RETURN NEW; END IF;
                RAISE EXCEPTION '% is %''s stage; % is in %', OLD.stage, source.team, current_user, array_to_string(teams, ', ')
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF target.team = ANY (teams) OR target.team = 'both' OR target.allow && teams THEN RETURN NEW; END IF;
            RAISE EXCEPTION '% is owned by %; % is in %', NEW.stage, target.team, current_user, array_to_string(teams, ', ')
                USING ERRCODE = 'insufficient_privilege';
        END $$;
        CREATE TRIGGER smk_lead_stage_check BEFORE INSERT OR UPDATE ON smk_leads
            FOR EACH ROW EXECUTE FUNCTION smk_lead_stage_check();
        """#)
}
