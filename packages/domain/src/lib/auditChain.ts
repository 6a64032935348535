// R35: what a verification of the audit chain can find, by code (API) and in Chinese (screens, messages).

/**
 * GAP: a chain position is missing (an entry removed); LINK: an entry does not point at the one before it (removed,
 * inserted or moved); CONTENT: the content differs from the digest its writer stored (edited); SIGNATURE: the entry
 * does not carry the application's keyed signature (forged, copied, or content and digest rewritten together); HASH:
 * the entry's chain hash was not made by the application's sealer (renumbered, moved or re-hashed); ANCHOR: the chain
 * differs from the head recorded outside the database at that position (replaced or rolled back and written on);
 * TRUNCATED: positions recorded outside the database are missing at the end (the last entries removed).
 */
export const auditBreakKinds = ['GAP', 'LINK', 'CONTENT', 'SIGNATURE', 'HASH', 'ANCHOR', 'TRUNCATED'] as const;
export type AuditBreakKind = (typeof auditBreakKinds)[number];

export const auditBreakLabels: Record<AuditBreakKind, string> = {
  GAP: '链序号不连续：此前有记录被删除',
  LINK: '前序哈希不一致：此前有记录被删除、插入或调换顺序',
  CONTENT: '内容与摘要不符：该条记录被篡改',
  SIGNATURE: '签名不符：该条记录不是本系统写入的（伪造、复制或连同摘要一起被改写）',
  HASH: '链哈希不符：该条记录的位置或哈希被改写（重新编号、调换顺序或重新计算）',
  ANCHOR: '与外部锚点记载的链头不一致：审计链被整体替换或回退后续写',
  TRUNCATED: '外部锚点记载的记录在库中已不存在：末尾的记录被删除',
};
