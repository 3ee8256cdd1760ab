extension Migration {
    /// Edits made with plain SQL (psql, a report tool) are announced like smk's own: an
    /// UPDATE or DELETE of `smk_leads` that did not come through smk's append path
    /// writes one change record per statement and workspace (the leads as they are now,
    /// in the journal's format, and a summary such as `changed L-000042 with SQL: stage
    /// mql → sal`), whose insert notifies every shell as any change does. So open shells
    /// apply it and print `erik changed L-000042 with SQL: stage mql → sal`, and the
    /// change log keeps who did it.
    ///
    /// smk's append sets `smk.append` for its own transaction (`set_config(…, true)`);
    /// its writes already come with their change record. A statement-level trigger with
    /// transition tables makes a 1,000-row UPDATE one record, not 1,000. INSERTs made
    /// with SQL are not announced (a new lead's place in the order is smk's to choose);
    /// a shell that later touches such a lead reads it again on the conflict.
    static let sqlEdits = Migration(version: 3, name: "sql-edits", sql: #"""
        CREATE FUNCTION smk_lead_sql_edit() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            w record;
            summary text;
            change text;
        BEGIN
            IF coalesce(current_setting('smk.append', true), '') = 'on' THEN
                RETURN NULL;
            END IF;
            IF TG_OP = 'UPDATE' THEN
                FOR w IN
                    SELECT e.workspace, count(*) AS n,
                           array_agg(e.id ORDER BY e.position) AS ids,
                           string_agg(e.item, ',' ORDER BY e.position) AS items,
                           min(e.what) AS what
                    FROM (
                        SELECT n.workspace, n.id, n.position,
                               '{"op":"updateLead","lead":{"id":' || to_json(n.id)::text || ',"stage":' || to_json(n.stage)::text
                                   || CASE WHEN regexp_replace(n.data::text, '^\s*\{', '') ~ '^\s*\}' THEN '' ELSE ',' END
                                   || regexp_replace(n.data::text, '^\s*\{', '') || '}' AS item,
                               concat_ws(', ',
                                   CASE WHEN o.stage IS DISTINCT FROM n.stage THEN 'stage ' || o.stage || ' → ' || n.stage END,
                                   (SELECT string_agg(k, ', ' ORDER BY k)
                                    FROM (SELECT jsonb_object_keys(o.data::jsonb) UNION SELECT jsonb_object_keys(n.data::jsonb)) AS keys(k)
                                    WHERE (o.data::jsonb -> k) IS DISTINCT FROM (n.data::jsonb -> k))) AS what
                        FROM smk_new n JOIN smk_old o ON o.workspace = n.workspace AND o.id = n.id
                        WHERE o.stage IS DISTINCT FROM n.stage OR o.data::jsonb IS DISTINCT FROM n.data::jsonb
                    ) e
                    WHERE EXISTS (SELECT 1 FROM smk_workspaces s WHERE s.name = e.workspace)
                    GROUP BY e.workspace
                LOOP
                    IF w.n = 1 THEN
                        summary := 'changed ' || w.ids[1] || ' with SQL: ' || w.what;
                        change := w.items;
                    ELSE
                        summary := 'changed ' || w.n || ' leads with SQL: ' || array_to_string(w.ids[1:3], ', ')
                            || CASE WHEN w.n > 3 THEN ', …' ELSE '' END;
                        change := '{"op":"group","changes":[' || w.items || ']}';
                    END IF;
                    INSERT INTO smk_changes (workspace, summary, leads, change) VALUES (w.workspace, summary, w.ids, change::json);
                END LOOP;
            ELSE
                FOR w IN
                    SELECT o.workspace, count(*) AS n, array_agg(o.id ORDER BY o.position) AS ids,
                           string_agg('{"op":"removeLead","id":' || to_json(o.id)::text || '}', ',' ORDER BY o.position) AS items
                    FROM smk_old o
                    WHERE EXISTS (SELECT 1 FROM smk_workspaces s WHERE s.name = o.workspace)
                    GROUP BY o.workspace
                LOOP
                    IF w.n = 1 THEN
                        summary := 'removed ' || w.ids[1] || ' with SQL';
                        change := w.items;
                    ELSE
                        summary := 'removed ' || w.n || ' leads with SQL: ' || array_to_string(w.ids[1:3], ', ')
                            || CASE WHEN w.n > 3 THEN ', …' ELSE '' END;
                        change := '{"op":"group","changes":[' || w.items || ']}';
                    END IF;
                    INSERT INTO smk_changes (workspace, summary, leads, change) VALUES (w.workspace, summary, w.ids, change::json);
                END LOOP;
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER smk_lead_sql_update AFTER UPDATE ON smk_leads
            REFERENCING OLD TABLE AS smk_old NEW TABLE AS smk_new
            FOR EACH STATEMENT EXECUTE FUNCTION smk_lead_sql_edit();
        CREATE TRIGGER smk_lead_sql_delete AFTER DELETE ON smk_leads
            REFERENCING OLD TABLE AS smk_old
            FOR EACH STATEMENT EXECUTE FUNCTION smk_lead_sql_edit();
        """#)
}
