-- Issue #17: the penalty case's procedure documents are generated from recorded facts.
-- 送达: how the decision was served (method, recipient, signer, place, witness, electronic-service consent).
ALTER TABLE "penalty_cases" ADD COLUMN "service" jsonb;--> statement-breakpoint
-- 法制审核: the points of the review (主体、权限、事实、证据、依据、程序、裁量) with the reviewer's findings.
ALTER TABLE "legal_reviews" ADD COLUMN "points" jsonb;--> statement-breakpoint
-- 集体讨论: the yes/no flag gives way to the record. A case flagged before the record existed keeps a record marked
-- legacy (no document can be generated from it; the 卷宗 does not require one for it).
UPDATE "penalty_cases" SET "collective_discussion" = jsonb_build_object('legacy', true, 'heldOn', null, 'participants', '[]'::jsonb, 'opinions', '[]'::jsonb, 'conclusion', '（系统升级前登记为已经负责人集体讨论，未录入讨论记录）', 'recordedBy', '')
 WHERE "collective_discussion_held" AND "collective_discussion" IS NULL;--> statement-breakpoint
-- a record of 0019 (no opinions, no document issued) is kept and marked legacy too: its case needs no 集体讨论记录 in the
-- 卷宗; a case not yet decided records the discussion again (PATCH) and gets the document then.
UPDATE "penalty_cases" SET "collective_discussion" = "collective_discussion" || '{"legacy": true}'::jsonb
 WHERE "collective_discussion" IS NOT NULL AND NOT ("collective_discussion" ? 'opinions');--> statement-breakpoint
ALTER TABLE "penalty_cases" DROP COLUMN "collective_discussion_held";
