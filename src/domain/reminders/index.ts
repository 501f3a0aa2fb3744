/**
 * Reminders (SPEC 5): business days, today's plan, mail texts, the 送信履歴 rows. Pure domain
 * code: plain data in, plain data out.
 */
export * from "./business-days";
export * from "./journal";
export * from "./mail-text";
export * from "./quota";
export * from "./schedule";
export * from "./send-log";
