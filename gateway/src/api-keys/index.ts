export * from "./api-key-access";
export * from "./api-key-scopes";
export * from "./api-key-settings";
export * from "./api-key-usage";
