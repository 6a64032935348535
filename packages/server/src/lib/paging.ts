// Ledger pages count their rows up to a cap: beyond it the total reads "10,000+" (a count of a province's rows costs
// more than the page itself).
export const COUNT_CAP = 10_000;
