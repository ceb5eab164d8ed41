export * from "./persisted-documents.manifest";
export * from "./trusted-documents.middleware";
export * from "./trusted-documents.policy";
