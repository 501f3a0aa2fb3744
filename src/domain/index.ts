/**
 * The pure domain logic of dx-progress: plain data in, plain data out. No Apps Script globals,
 * no Node APIs; safe to bundle for Apps Script's V8.
 */
export * from "./answers";
export * from "./calendar";
export * from "./codes";
export * from "./csv";
export * from "./department-sync";
export * from "./edit-log";
export * from "./email";
export * from "./entry";
export * from "./entry-groups";
export * from "./entry-validation";
export * from "./fiscal-year";
export * from "./inquiry-file";
export * from "./kpi";
export * from "./layout";
export * from "./master";
export * from "./plan";
export * from "./plan-import";
export * from "./plan-info";
export * from "./policy-tally";
export * from "./problem-scope";
export * from "./problems";
export * from "./ratings";
export * from "./reminders";
export * from "./report-document";
export * from "./scale-sheet";
export * from "./seed-structure";
export * from "./settings";
export * from "./sharing";
export * from "./summary-layout";
export * from "./table";
export * from "./tally";
export * from "./text";
