extension Migration {
    /// `reject` in a shared workspace: sales says "not ready" about an MQL, which goes
    /// back to marketing's nurture (DESIGN.md §7: a side stage is entered by the team
    /// that owns the lead's stage or, for `reject`, the next one). Migration 1's check
    /// only knew the first half, so the database refused every reject a sales login
    /// made (`mql is marketing's stage; anna is in sales`) though smk allowed it.
    ///
    /// The check now also lets a lead into a side stage of the team that owns the stage
    /// it leaves (a hand-back, as reject's nurture is) when the login is in the team that
    /// owns the next stage of the funnel after it: the funnel's order is the workspace
    /// document's `stages`, side stages skipped.
    static let rejectByNextTeam = Migration(version: 4, name: "reject-by-next-team", sql: #"""
        CREATE OR REPLACE FUNCTION smk_lead_stage_check() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            teams     text[] := smk_teams_of_current_user();
            target    smk_stages;
            source    smk_stages;
            next_team text;
        BEGIN
            IF TG_OP = 'UPDATE' AND NEW.stage = OLD.stage THEN RETURN NEW; END IF;
            IF cardinality(teams) = 0 THEN RETURN NEW; END IF;
            SELECT * INTO target FROM smk_stages WHERE workspace = NEW.workspace AND id = NEW.stage;
            IF NOT FOUND THEN RETURN NEW; END IF;  -- the foreign key reports it
            IF target.side AND TG_OP = 'UPDATE' THEN
                SELECT * INTO source FROM smk_stages WHERE workspace = OLD.workspace AND id = OLD.stage;
                IF source.team = ANY (teams) OR source.team = 'both' THEN RETURN NEW; END IF;
                IF target.team = source.team THEN
                    SELECT s.team INTO next_team
                    FROM smk_workspaces w
                    CROSS JOIN LATERAL json_array_elements(w.document->'stages') WITH ORDINALITY AS e(stage, n)
                    JOIN smk_stages s ON s.workspace = w.name AND s.id = e.stage->>'id'
                    WHERE w.name = OLD.workspace AND NOT s.side
                      AND e.n > (SELECT o.n FROM json_array_elements(w.document->'stages') WITH ORDINALITY AS o(stage, n)
                                 WHERE o.stage->>'id' = OLD.stage LIMIT 1)
                    ORDER BY e.n LIMIT 1;
                    IF next_team = ANY (teams) OR next_team = 'both' THEN RETURN NEW; END IF;
                END IF;
                RAISE EXCEPTION '% is %''s stage; % is in %', OLD.stage, source.team, current_user, array_to_string(teams, ', ')
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF target.team = ANY (teams) OR target.team = 'both' OR target.allow && teams THEN RETURN NEW; END IF;
            RAISE EXCEPTION '% is owned by %; % is in %', NEW.stage, target.team, current_user, array_to_string(teams, ', ')
                USING ERRCODE = 'insufficient_privilege';
        END $$;
        """#)
}
