-- R35: an audit trail nobody can rewrite unseen (modules/audit/chain.ts).
-- `mac`: the writer's keyed SM3 (HMAC-SM3, key kept outside the database under DATA_DIR/audit) over the entry's id and
-- digest — an entry inserted by anyone else (forged, or a copy of another entry) cannot carry a valid one. Entries
-- written before this migration have none and keep verifying by the formula they were sealed with.
ALTER TABLE "audit_log" ADD COLUMN "mac" text;--> statement-breakpoint
-- One row, written by the first server start after this migration: from which chain position on entries are keyed
-- (the sealed head then + 1), and a keyed check of that number, so that a server with another key refuses to start and
-- the position cannot be moved without the key.
CREATE TABLE "audit_chain" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"keyed_from_seq" bigint NOT NULL,
	"key_check" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_chain_one_row" CHECK ("audit_chain"."id" = 1)
);--> statement-breakpoint
-- The database refuses to change the trail: entries are inserted unsealed, the sealer's one update gives an unsealed
-- entry its chain position and hashes (nothing else may change), sealed entries are never updated, nothing is deleted
-- or truncated. A restore that loads sealed rows runs with session_replication_role = replica, where these ordinary
-- triggers do not fire (superuser only; what a superuser does without them is caught by the key and the anchors).
CREATE FUNCTION "audit_log_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		IF NEW.seq IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL THEN
			RAISE EXCEPTION '审计记录只能以待封存状态写入' USING ERRCODE = '42501';
		END IF;
		RETURN NEW;
	ELSIF TG_OP = 'UPDATE' THEN
		IF OLD.seq IS NOT NULL OR OLD.prev_hash IS NOT NULL OR OLD.hash IS NOT NULL THEN
			RAISE EXCEPTION '已封存的审计记录不可修改' USING ERRCODE = '42501';
		END IF;
		IF NEW.seq IS NULL OR NEW.prev_hash IS NULL OR NEW.hash IS NULL
			OR ROW(NEW.id, NEW.at, NEW.actor_id, NEW.actor_name, NEW.action, NEW.entity_type, NEW.entity_id, NEW.region_code, NEW.reason, NEW.before, NEW.after, NEW.digest, NEW.mac)
				IS DISTINCT FROM ROW(OLD.id, OLD.at, OLD.actor_id, OLD.actor_name, OLD.action, OLD.entity_type, OLD.entity_id, OLD.region_code, OLD.reason, OLD.before, OLD.after, OLD.digest, OLD.mac) THEN
			RAISE EXCEPTION '审计记录只能被封存入链，内容不可修改' USING ERRCODE = '42501';
		END IF;
		RETURN NEW;
	END IF;
	RAISE EXCEPTION '审计记录不可删除' USING ERRCODE = '42501';
END $$;--> statement-breakpoint
CREATE FUNCTION "audit_refuse"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '审计记录不可删除或修改（%）', TG_TABLE_NAME USING ERRCODE = '42501';
END $$;--> statement-breakpoint
CREATE TRIGGER "audit_log_guard" BEFORE INSERT OR UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "audit_log_guard"();--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "audit_refuse"();--> statement-breakpoint
CREATE TRIGGER "audit_chain_guard" BEFORE UPDATE OR DELETE ON "audit_chain" FOR EACH ROW EXECUTE FUNCTION "audit_refuse"();--> statement-breakpoint
CREATE TRIGGER "audit_chain_no_truncate" BEFORE TRUNCATE ON "audit_chain" FOR EACH STATEMENT EXECUTE FUNCTION "audit_refuse"();
