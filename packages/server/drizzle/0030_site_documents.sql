-- R23 / R35: the escalation step of a hazard holds the letter issued for it (函告、通报、约谈通知书、挂牌督办通知书):
-- the nightly job records the step, the officer issues its document once.
ALTER TABLE "hazard_escalations" ADD COLUMN "document_id" bigint;
